using FluentValidation;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inventory.Tenants.Identity.Features.Login;

/// <summary>
/// Signs a user in to the tenant the input names (not the request's tenant: login needs none), in a scope of that
/// tenant. Unknown email, wrong password and deactivated account get one answer, after the same hashing work; and
/// the backoff (<see cref="SignInBackoff"/>) treats every email alike, so LOCKED_OUT says nothing about who exists.
/// </summary>
internal sealed class LoginHandler(
    ITenantStore tenants,
    ITenantScopeFactory tenantScopes,
    IValidator<LoginInput> validator,
    AccessTokens accessTokens,
    SignInBackoff backoff,
    ClientAddress client,
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

        var email = User.Normalize(input.Email);
        // Counted before any hashing or tenant-database work: a refused try costs the host almost nothing.
        var (ticket, wait) = await backoff.BeginAsync(tenant.Id, email, client.PartitionKey, cancellationToken);
        if (ticket is not { } attempt)
        {
            logger.LogInformation("Sign-in to tenant {TenantId} refused by the backoff for {Wait}", tenant.Id, wait);
            return LoginPayload.Fail(IdentityErrors.TryAgainIn(wait));
        }

        await using var scope = tenantScopes.CreateScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
        if (user is null)
        {
            Passwords.VerifyDecoy(input.Password);
            return LoginPayload.Fail(IdentityErrors.InvalidCredentials);
        }

        var verification = Passwords.Verify(user.PasswordHash, input.Password);
        if (!user.IsActive || verification == PasswordVerificationResult.Failed)
            return LoginPayload.Fail(IdentityErrors.InvalidCredentials); // the attempt stays counted

        var now = time.GetUtcNow().UtcDateTime;
        // Only what this sign-in knows is written: a password changed since the read above is kept (the hash is
        // replaced only when it needs a rehash and is still the one verified), and its token, of the old stamp, is refused.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastLoginAt, now), cancellationToken);
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = Passwords.HashPassword(input.Password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == user.PasswordHash)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }
        await backoff.SucceededAsync(attempt, cancellationToken);
        return LoginPayload.Ok(accessTokens.Issue(user, tenant.Id));
    }
}
