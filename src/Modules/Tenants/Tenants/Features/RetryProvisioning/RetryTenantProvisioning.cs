using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Provisioning;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Features.RetryProvisioning;

/// <summary>Resumes a FAILED provisioning at the step that failed; the steps before it are not run again.</summary>
internal sealed class RetryTenantProvisioningHandler(
    SystemDbContextFactory<RegistryDbContext> registry,
    RegistryTenantSource cache,
    ProvisioningQueue queue,
    TimeProvider time)
{
    public async Task<TenantPayload> HandleAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug.Trim(), cancellationToken);
        if (tenant is null)
            return TenantPayload.Fail(UserError.NotFound("The tenant", "slug"));
        if (tenant.Status != TenantStatus.Failed)
            return TenantPayload.Fail(new UserError(TenantErrors.InvalidStatus, $"Only a FAILED tenant can be retried; this one is {tenant.Status.ToString().ToUpperInvariant()}.", "slug"));

        var now = time.GetUtcNow().UtcDateTime;
        tenant.Status = TenantStatus.Provisioning;
        tenant.UpdatedAt = now;
        foreach (var step in tenant.Steps.Where(s => s.State is StepState.Failed or StepState.Running))
        {
            step.State = StepState.Pending;
            step.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(tenant.Slug);
        queue.Enqueue(tenant.Id);
        return TenantPayload.Ok(tenant);
    }
}

internal static class RetryTenantProvisioningMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RetryTenantProvisioningPayloadType>>("retryTenantProvisioning")
            .Description("Resumes a FAILED tenant's provisioning at its failed step. NOT_FOUND or INVALID_STATUS otherwise.")
            .RequireOperator()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<RetryTenantProvisioningHandler>()
                .HandleAsync(ctx.GetArgument<string>("slug"), ctx.CancellationToken));
}
