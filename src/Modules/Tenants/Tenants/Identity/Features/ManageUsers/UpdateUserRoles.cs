using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.ApiKeys;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

/// <summary>What <c>updateUserRoles</c> and <c>deactivateUser</c> answer: the user as it is now, or why nothing changed.</summary>
internal sealed record UserPayload(User? User, IReadOnlyList<UserError> UserErrors)
{
    public static UserPayload Ok(User user) => new(user, []);
    public static UserPayload Fail(params UserError[] errors) => new(null, errors);
    public static UserPayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal abstract class UserPayloadType : ObjectGraphType<UserPayload>
{
    protected UserPayloadType(string name)
    {
        Name = name;
        Field<UserType>("user").Resolve(ctx => ctx.Source.User);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal sealed class UpdateUserRolesPayloadType() : UserPayloadType("UpdateUserRolesPayload");

internal sealed class UpdateUserRolesInput
{
    public string UserId { get; init; } = "";
    public List<Roles> Roles { get; init; } = [];
}

internal sealed class UpdateUserRolesInputType : InputObjectGraphType<UpdateUserRolesInput>
{
    public UpdateUserRolesInputType()
    {
        Name = "UpdateUserRolesInput";
        Field<NonNullGraphType<IdGraphType>>("userId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles").Description("The user's roles from now on (replacing the old ones); at least one.");
    }
}

internal sealed class UpdateUserRolesValidator : AbstractValidator<UpdateUserRolesInput>
{
    public UpdateUserRolesValidator()
    {
        RuleFor(i => i.Roles).Must(r => r is { Count: > 0 }).WithMessage("A user needs at least one role.");
    }
}

/// <summary>
/// Replaces a user's roles; the last active administrator keeps the Admin role. Any change gives the user a new
/// security stamp (tokens with the old roles stop working), and losing Admin, the role that creates API keys,
/// revokes the keys the user created, in the same transaction.
/// </summary>
internal sealed class UpdateUserRolesHandler(
    ModuleDbContextFactory<IdentityDbContext> contexts, IValidator<UpdateUserRolesInput> validator, ITenantContext tenant, SecurityStamps stamps, TimeProvider time)
{
    public async Task<UserPayload> HandleAsync(UpdateUserRolesInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return UserPayload.Fail(errors);
        if (Ids.Parse(input.UserId) is not { } id)
            return UserPayload.Fail(IdentityErrors.UserNotFound());

        var roles = Ids.Combine(input.Roles);
        List<Guid> revoked = [];
        var changed = false;
        var payload = await LastAdminGuard.RunAsync(contexts.Create, async db =>
        {
            (revoked, changed) = ([], false);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return UserPayload.Fail(IdentityErrors.UserNotFound());
            if (user.Roles == roles)
                return UserPayload.Ok(user);
            var losesAdmin = user.Roles.HasFlag(Roles.Admin) && !roles.HasFlag(Roles.Admin);
            if (user.IsActive && losesAdmin && !await LastAdminGuard.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                return UserPayload.Fail(IdentityErrors.LastAdmin("input.roles"));
            var now = time.GetUtcNow().UtcDateTime;
            user.ChangeRoles(roles, now);
            await db.SaveChangesAsync(cancellationToken);
            if (losesAdmin)
                revoked = await UserApiKeys.RevokeAsync(db, user.Id, now, cancellationToken);
            changed = true;
            return UserPayload.Ok(user);
        }, cancellationToken);

        if (changed)
        {
            stamps.ForgetUser(tenant.Tenant.Id, id);
            stamps.ForgetApiKeys(tenant.Tenant.Id, revoked);
        }
        return payload;
    }
}

internal static class UpdateUserRolesMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UpdateUserRolesPayloadType>>("updateUserRoles")
            .Description("Replaces a user's roles: their access tokens stop working (they sign in again), and losing ADMIN revokes the API keys they created. Fails with VALIDATION, NOT_FOUND or LAST_ADMIN (the last active administrator keeps ADMIN).")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<UpdateUserRolesInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<UpdateUserRolesHandler>()
                .HandleAsync(ctx.GetArgument<UpdateUserRolesInput>("input"), ctx.CancellationToken));
}
