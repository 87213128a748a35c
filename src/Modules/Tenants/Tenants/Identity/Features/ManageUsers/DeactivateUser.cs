using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.ApiKeys;
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
/// Deactivates a user: sign-in is refused from now on, the user's access tokens stop working (a new security
/// stamp: at once on this host, within the stamp cache's bound on others), and the API keys the user created are
/// revoked in the same transaction. Idempotent; the last active administrator cannot be deactivated.
/// </summary>
internal sealed class DeactivateUserHandler(
    ModuleDbContextFactory<IdentityDbContext> contexts, ITenantContext tenant, SecurityStamps stamps, TimeProvider time)
{
    public async Task<UserPayload> HandleAsync(DeactivateUserInput input, CancellationToken cancellationToken)
    {
        if (Ids.Parse(input.UserId) is not { } id)
            return UserPayload.Fail(IdentityErrors.UserNotFound());

        List<Guid> revoked = [];
        var payload = await LastAdminGuard.RunAsync(contexts.Create, async db =>
        {
            revoked = [];
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return UserPayload.Fail(IdentityErrors.UserNotFound());
            if (user.IsActive)
            {
                if (user.Roles.HasFlag(Roles.Admin) && !await LastAdminGuard.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                    return UserPayload.Fail(IdentityErrors.LastAdmin("input.userId"));
                user.Deactivate(time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }
            // Also when the user was already inactive: a deactivated user never has a working key.
            revoked = await UserApiKeys.RevokeAsync(db, user.Id, time.GetUtcNow().UtcDateTime, cancellationToken);
            return UserPayload.Ok(user);
        }, cancellationToken);

        // Committed: this host forgets what it knew of the user and the keys, so their power ends here at once.
        if (payload.User is not null)
        {
            stamps.ForgetUser(tenant.Tenant.Id, id);
            stamps.ForgetApiKeys(tenant.Tenant.Id, revoked);
        }
        return payload;
    }
}

internal static class DeactivateUserMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeactivateUserPayloadType>>("deactivateUser")
            .Description("Deactivates a user: they can no longer sign in, their access tokens stop working and the API keys they created are revoked. Idempotent. Fails with NOT_FOUND or LAST_ADMIN.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<DeactivateUserInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<DeactivateUserHandler>()
                .HandleAsync(ctx.GetArgument<DeactivateUserInput>("input"), ctx.CancellationToken));
}
