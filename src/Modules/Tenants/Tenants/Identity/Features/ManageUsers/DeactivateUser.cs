using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

internal sealed class DeactivateUserPayloadType() : UserPayloadType("DeactivateUserPayload");

internal sealed class DeactivateUserInput
{
    public string UserId { get; init; } = "";
}

internal sealed class DeactivateUserInputType : InputObjectGraphType<DeactivateUserInput>
{
    public DeactivateUserInputType()
    {
        Name = "DeactivateUserInput";
        Field<NonNullGraphType<IdGraphType>>("userId");
    }
}

/// <summary>
/// Deactivates a user: sign-in is refused from now on (access tokens already issued run until they expire).
/// Idempotent; the last active administrator cannot be deactivated.
/// </summary>
internal sealed class DeactivateUserHandler(ModuleDbContextFactory<IdentityDbContext> contexts, TimeProvider time)
{
    public async Task<UserPayload> HandleAsync(DeactivateUserInput input, CancellationToken cancellationToken)
    {
        if (Ids.Parse(input.UserId) is not { } id)
            return UserPayload.Fail(IdentityErrors.UserNotFound());

        return await LastAdminGuard.RunAsync(contexts.Create, async db =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return UserPayload.Fail(IdentityErrors.UserNotFound());
            if (!user.IsActive)
                return UserPayload.Ok(user);
            if (user.Roles.HasFlag(Roles.Admin) && !await LastAdminGuard.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                return UserPayload.Fail(IdentityErrors.LastAdmin("input.userId"));
            user.Deactivate(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return UserPayload.Ok(user);
        }, cancellationToken);
    }
}

internal static class DeactivateUserMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeactivateUserPayloadType>>("deactivateUser")
            .Description("Deactivates a user: they can no longer sign in. Idempotent. Fails with NOT_FOUND or LAST_ADMIN.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<DeactivateUserInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<DeactivateUserHandler>()
                .HandleAsync(ctx.GetArgument<DeactivateUserInput>("input"), ctx.CancellationToken));
}
