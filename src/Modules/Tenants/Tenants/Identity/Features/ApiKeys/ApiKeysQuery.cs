using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ApiKeys;

internal static class ApiKeysQuery
{
    public static void Add(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<ApiKeyType>>>("apiKeys")
            .Description("The API keys of the caller's tenant (revoked ones too), newest first, as a Relay connection. Never their secrets.")
            .RequireRole(PlatformRole.Admin);
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>();
            await using var db = contexts.Create();

            async Task<int> CountAsync(CancellationToken ct)
            {
                await using var countDb = contexts.Create();
                return await countDb.ApiKeys.CountAsync(ct);
            }

            return await KeysetPaging.PageAsync(db.ApiKeys.AsNoTracking(), page,
                k => k.CreatedAt, k => k.Prefix, true, k => k, CountAsync, ctx.CancellationToken);
        });
    }
}
