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
            return await KeysetPaging.PageAsync(contexts.Create, db => db.ApiKeys,
                page, k => k.CreatedAt, k => k.Prefix, descending: true, ctx.CancellationToken);
        });
    }
}
