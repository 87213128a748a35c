using GraphQL.DataLoader;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.DataLoaders;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.GraphQL;

/// <summary><c>enum Role { ADMIN MANAGER CLERK VIEWER }</c>: one role of a user (who may have several) or of an API key.</summary>
internal sealed class RoleType : EnumerationGraphType
{
    public RoleType()
    {
        Name = "Role";
        Description = "What a user or an API key may do in its tenant. ADMIN includes MANAGER, which includes CLERK, which includes VIEWER.";
        Add("ADMIN", Roles.Admin, "Manages users and API keys, and everything below.");
        Add("MANAGER", Roles.Manager, "Configures the catalog and locations, and everything below.");
        Add("CLERK", Roles.Clerk, "Moves stock, and reads.");
        Add("VIEWER", Roles.Viewer, "Reads.");
    }
}

/// <summary>A user as administrators see it: never the password hash.</summary>
internal sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A person who signs in to this tenant.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(u => u.Email);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .Resolve(ctx => RoleNames.All.Where(r => ctx.Source.Roles.HasFlag(r)).Cast<object>().ToList());
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("A deactivated user cannot sign in.").Resolve(ctx => ctx.Source.IsActive);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("lastLoginAt").Resolve(ctx => ctx.Source.LastLoginAt is { } at ? UtcDates.ToOffset(at) : null);
    }
}

/// <summary>An API key as administrators see it: never its secret nor its hash.</summary>
internal sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A key an integration signs in with (`Authorization: Bearer <secret>`). Its secret is shown once, when it is created.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(k => k.Name);
        Field<NonNullGraphType<RoleType>>("role").Resolve(ctx => ctx.Source.Role);
        Field(k => k.Prefix).Description("Part of the key (`ik_<tenant>.<prefix>.<secret>`), not secret: tells keys apart.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("revokedAt").Description("A revoked key is refused.")
            .Resolve(ctx => ctx.Source.RevokedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<DateTimeOffsetGraphType>("lastUsedAt").Description("Updated at most once a minute.")
            .Resolve(ctx => ctx.Source.LastUsedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<DateTimeOffsetGraphType>("expiresAt").Description("An expired key is refused like a revoked one; null: the key does not expire.")
            .Resolve(ctx => ctx.Source.ExpiresAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<IdGraphType>("createdByUserId")
            .Description("The user whose power the key carries (its creator, or the creating key's user); null for keys created without one. Their deactivation or loss of ADMIN revokes the key.")
            .Resolve(ctx => ctx.Source.CreatedByUserId);
        Field<UserType>("createdBy")
            .Description("The user of `createdByUserId`, when the tenant has that user.")
            .Resolve(ctx => ctx.Source.CreatedByUserId is { } id
                ? ctx.RequestServices!.GetRequiredService<ApiKeyCreators>().Load(id)
                : null);
    }
}

/// <summary>Loads the creators of the API keys of one request in one query.</summary>
internal sealed class ApiKeyCreators(ModuleDbContextFactory<IdentityDbContext> contexts)
{
    private readonly BatchLoader<Guid, User> _loader = new(async (ids, ct) =>
    {
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
    });

    public IDataLoaderResult<User?> Load(Guid id) => _loader.Load(id);
}

/// <summary>Parses the <c>ID</c> of a user or an API key; null when it cannot be one (answered as NOT_FOUND).</summary>
internal static class Ids
{
    public static Guid? Parse(object? id) => id switch
    {
        Guid guid => guid,
        string text when Guid.TryParse(text, out var guid) => guid,
        _ => null,
    };

    public static Roles Combine(IEnumerable<Roles>? roles) => (roles ?? []).Aggregate(Roles.None, (all, r) => all | r);
}
