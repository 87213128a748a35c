using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

internal static class UsersQuery
{
    public static void Add(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<UserType>>>("users")
            .Description("The users of the caller's tenant as a Relay connection, by email.")
            .RequireRole(PlatformRole.Admin)
            .Argument<BooleanGraphType>("active", "Only active (true) or deactivated (false) users; all when left out.");
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var active = ctx.GetArgument<bool?>("active");
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>();
            return await KeysetPaging.PageAsync(contexts.Create, db => db.Users.Where(u => active == null || u.IsActive == active),
                page, u => u.NormalizedEmail, u => u.NormalizedEmail, descending: false, ctx.CancellationToken);
        });
    }
}
