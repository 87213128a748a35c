using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
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

/// <summary>Replaces a user's roles; the last active administrator keeps the Admin role.</summary>
internal sealed class UpdateUserRolesHandler(ModuleDbContextFactory<IdentityDbContext> contexts, IValidator<UpdateUserRolesInput> validator, TimeProvider time)
{
    public async Task<UserPayload> HandleAsync(UpdateUserRolesInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return UserPayload.Fail(errors);
        if (Ids.Parse(input.UserId) is not { } id)
            return UserPayload.Fail(IdentityErrors.UserNotFound());

        var roles = Ids.Combine(input.Roles);
        return await LastAdminGuard.RunAsync(contexts.Create, async db =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return UserPayload.Fail(IdentityErrors.UserNotFound());
            if (user.Roles == roles)
                return UserPayload.Ok(user);
            if (user.IsActive && user.Roles.HasFlag(Roles.Admin) && !roles.HasFlag(Roles.Admin) &&
                !await LastAdminGuard.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                return UserPayload.Fail(IdentityErrors.LastAdmin("input.roles"));
            user.ChangeRoles(roles, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return UserPayload.Ok(user);
        }, cancellationToken);
    }
}

internal static class UpdateUserRolesMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UpdateUserRolesPayloadType>>("updateUserRoles")
            .Description("Replaces a user's roles. Fails with VALIDATION, NOT_FOUND or LAST_ADMIN (the last active administrator keeps ADMIN).")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<UpdateUserRolesInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<UpdateUserRolesHandler>()
                .HandleAsync(ctx.GetArgument<UpdateUserRolesInput>("input"), ctx.CancellationToken));
}
