using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Features.GetTenant;

internal static class TenantQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<TenantType>("tenant")
            .Description("A tenant by slug, with its provisioning progress; null when there is none. Needs no login: the onboarding portal follows progress with it.")
            .AllowAnonymous()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx =>
            {
                var slug = ctx.GetArgument<string>("slug").Trim();
                // Read fresh from the registry (not the cache): a portal polls this to watch provisioning advance.
                await using var db = ctx.RequestServices!.GetRequiredService<SystemDbContextFactory<RegistryDbContext>>().Create();
                return await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ctx.CancellationToken);
            });
}
