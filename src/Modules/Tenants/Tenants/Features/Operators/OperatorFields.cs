using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Features.Operators;

/// <summary>
/// Suspending a tenant refuses its requests and sign-ins (TENANT_SUSPENDED) without touching its data;
/// resuming serves it again. This host drops its cached entry at once; other hosts follow within the cache TTL.
/// </summary>
internal sealed class TenantStatusHandler(SystemDbContextFactory<RegistryDbContext> registry, RegistryTenantSource cache, TimeProvider time)
{
    public async Task<TenantPayload> SetAsync(string slug, TenantStatus from, TenantStatus to, CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug.Trim(), cancellationToken);
        if (tenant is null)
            return TenantPayload.Fail(UserError.NotFound("The tenant", "slug"));
        if (tenant.Status == to)
            return TenantPayload.Ok(tenant); // already there: retry-safe
        if (tenant.Status != from)
            return TenantPayload.Fail(new UserError(TenantErrors.InvalidStatus,
                $"Only a {from.ToString().ToUpperInvariant()} tenant can become {to.ToString().ToUpperInvariant()}; this one is {tenant.Status.ToString().ToUpperInvariant()}.", "slug"));

        tenant.Status = to;
        tenant.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(tenant.Slug);
        return TenantPayload.Ok(tenant);
    }
}

internal sealed class SuspendTenantPayloadType() : TenantPayloadType("SuspendTenantPayload");

internal sealed class ResumeTenantPayloadType() : TenantPayloadType("ResumeTenantPayload");

internal sealed class TenantFilter
{
    public TenantStatus? Status { get; init; }
}

internal sealed class TenantFilterInputType : InputObjectGraphType<TenantFilter>
{
    public TenantFilterInputType()
    {
        Name = "TenantFilterInput";
        Field<TenantStatusType>("status");
    }
}

internal static class OperatorFields
{
    public static void AddQueryFields(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<TenantType>>>("tenants")
            .Description("Every tenant of the platform, by slug (platform operators only).")
            .RequireOperator()
            .Argument<TenantFilterInputType>("filter");
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var status = ctx.GetArgument<TenantFilter?>("filter")?.Status;
            var registry = ctx.RequestServices!.GetRequiredService<SystemDbContextFactory<RegistryDbContext>>();
            return await KeysetPaging.PageAsync(registry.Create, db => status is { } st ? db.Tenants.Where(t => t.Status == st) : db.Tenants,
                page, t => t.Slug, t => t.Slug, descending: false, ctx.CancellationToken);
        });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SuspendTenantPayloadType>>("suspendTenant")
            .Description("Refuses the tenant's requests and sign-ins (TENANT_SUSPENDED) until it is resumed; its data is kept. Platform operators only.")
            .RequireOperator()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TenantStatusHandler>()
                .SetAsync(ctx.GetArgument<string>("slug"), TenantStatus.Active, TenantStatus.Suspended, ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ResumeTenantPayloadType>>("resumeTenant")
            .Description("Serves a suspended tenant again. Platform operators only.")
            .RequireOperator()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TenantStatusHandler>()
                .SetAsync(ctx.GetArgument<string>("slug"), TenantStatus.Suspended, TenantStatus.Active, ctx.CancellationToken));
    }
}
