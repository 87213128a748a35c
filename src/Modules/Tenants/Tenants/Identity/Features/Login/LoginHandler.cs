using FluentValidation;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Identity.Features.Login;

/// <summary>
/// Signs a user in to the tenant the input names (not the request's tenant: login needs none), in a scope of that
/// tenant. Unknown email, wrong password and deactivated account get one answer, after the same hashing work.
/// </summary>
internal sealed class LoginHandler(
    ITenantStore tenants,
    ITenantScopeFactory tenantScopes,
    IValidator<LoginInput> validator,
    AccessTokens accessTokens,
    IOptions<LockoutOptions> lockoutOptions,
    TimeProvider time,
    ILogger<LoginHandler> logger)
{
    public async Task<LoginPayload> HandleAsync(LoginInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return LoginPayload.Fail(errors);

        var slug = input.Tenant.Trim().ToLowerInvariant();
        var tenant = await tenants.FindAsync(slug, cancellationToken);
        if (tenant is null)
            return LoginPayload.Fail(IdentityErrors.TenantNotFound(slug));
        switch (tenant.Status)
        {
            case TenantStatus.Active:
                break;
            case TenantStatus.Suspended:
                return LoginPayload.Fail(IdentityErrors.TenantSuspended(slug));
            default:
                return LoginPayload.Fail(IdentityErrors.TenantNotReady(slug));
        }

        await using var scope = tenantScopes.CreateScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        var email = User.Normalize(input.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
        if (user is null)
        {
            Passwords.VerifyDecoy(input.Password);
            return LoginPayload.Fail(IdentityErrors.InvalidCredentials);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var verification = Passwords.Verify(user.PasswordHash, input.Password);
        if (user.IsLockedOut(now))
        {
            // Even the right password does not sign in until the lockout ends, and tries meanwhile do not count.
            logger.LogInformation("Sign-in refused for locked-out user {UserId} of tenant {TenantId}", user.Id, tenant.Id);
            return LoginPayload.Fail(IdentityErrors.LockedOut);
        }
        if (!user.IsActive)
            return LoginPayload.Fail(IdentityErrors.InvalidCredentials);
        if (verification == PasswordVerificationResult.Failed)
            return await FailAsync(db, user, tenant, now, cancellationToken);

        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? Passwords.HashPassword(input.Password) : user.PasswordHash;
        // Conditional on the account not being locked now: guesses sent in parallel may have locked it since
        // it was read, and a right guess among them must not sign in or lift that lockout.
        var signedIn = await db.Users
            .Where(u => u.Id == user.Id && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedLoginAttempts, 0)
                .SetProperty(u => u.LockoutEnd, (DateTime?)null) // only an expired lockout reaches here
                .SetProperty(u => u.LastLoginAt, now)
                .SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        if (signedIn == 0)
            return LoginPayload.Fail(IdentityErrors.LockedOut);
        return LoginPayload.Ok(accessTokens.Issue(user, tenant.Id));
    }

    private async Task<LoginPayload> FailAsync(IdentityDbContext db, User user, TenantInfo tenant, DateTime now, CancellationToken cancellationToken)
    {
        var lockout = lockoutOptions.Value;
        DateTime? lockedUntil = now + lockout.Duration;
        // One conditional UPDATE counts the failure and, at the limit, locks and restarts the count: concurrent
        // guesses cannot slip past the limit between a read and a write. Tries during a lockout do not count.
        await db.Users
            .Where(u => u.Id == user.Id && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, u => u.FailedLoginAttempts + 1 >= lockout.MaxFailedAttempts ? lockedUntil : u.LockoutEnd)
                .SetProperty(u => u.FailedLoginAttempts, u => u.FailedLoginAttempts + 1 >= lockout.MaxFailedAttempts ? 0 : u.FailedLoginAttempts + 1),
                cancellationToken);

        var lockoutEnd = await db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync(cancellationToken);
        if (lockoutEnd is { } end && end > now)
        {
            logger.LogWarning("User {UserId} of tenant {TenantId} is locked out until {LockoutEnd} after failed sign-ins", user.Id, tenant.Id, end);
            return LoginPayload.Fail(IdentityErrors.LockedOut);
        }
        return LoginPayload.Fail(IdentityErrors.InvalidCredentials);
    }
}
