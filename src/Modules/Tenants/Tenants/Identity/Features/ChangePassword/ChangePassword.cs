using System.Security.Claims;
using System.Threading.RateLimiting;
using FluentValidation;
using FluentValidation.Results;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ChangePassword;

internal sealed class ChangePasswordInput
{
    public string CurrentPassword { get; init; } = "";
    public string NewPassword { get; init; } = "";

    // Never print a password (logs, test output, exceptions).
    public override string ToString() => "ChangePasswordInput { *** }";
}

internal sealed class ChangePasswordInputType : InputObjectGraphType<ChangePasswordInput>
{
    public ChangePasswordInputType()
    {
        Name = "ChangePasswordInput";
        Field(i => i.CurrentPassword).Description("The password the user signs in with now.");
        Field(i => i.NewPassword).Description("At least 10 characters with 3 of: lower case, upper case, digit, symbol; not the email; not the current password.");
    }
}

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordValidator()
    {
        // Presence and a bound only for the current password: the strength rules apply to the new one.
        RuleFor(i => i.CurrentPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Current password is required.")
            .MaximumLength(PasswordRules.MaxLength).WithMessage($"Current password is at most {PasswordRules.MaxLength} characters.");
        // The email rule needs the user: the handler applies it once the user is read.
        RuleFor(i => i.NewPassword).Custom((password, context) =>
        {
            if (PasswordRules.Problem(password, null) is { } problem)
                context.AddFailure(new ValidationFailure(nameof(ChangePasswordInput.NewPassword), problem) { ErrorCode = IdentityErrors.WeakPasswordCode });
            else if (password == context.InstanceToValidate.CurrentPassword)
                context.AddFailure(new ValidationFailure(nameof(ChangePasswordInput.NewPassword), "The new password must differ from the current one.")
                    { ErrorCode = IdentityErrors.PasswordUnchangedCode });
        });
    }
}

/// <summary>What <c>changePassword</c> answers: the user, and a fresh access token (the caller's old one stops working).</summary>
internal sealed record ChangePasswordPayload(User? User, AccessToken? Token, IReadOnlyList<UserError> UserErrors)
{
    public static ChangePasswordPayload Fail(params UserError[] errors) => new(null, null, errors);
    public static ChangePasswordPayload Fail(IReadOnlyList<UserError> errors) => new(null, null, errors);

    public override string ToString() => $"ChangePasswordPayload {{ User = {User?.Id}, AccessToken = {(Token is null ? "null" : "***")}, UserErrors = [{string.Join(", ", UserErrors)}] }}";
}

internal sealed class ChangePasswordPayloadType : ObjectGraphType<ChangePasswordPayload>
{
    public ChangePasswordPayloadType()
    {
        Name = "ChangePasswordPayload";
        Field<UserType>("user").Resolve(ctx => ctx.Source.User);
        Field<StringGraphType>("accessToken")
            .Description("A new access token for the user: every token issued before the change, the one of this request included, is refused from now on.")
            .Resolve(ctx => ctx.Source.Token?.Token);
        Field<DateTimeOffsetGraphType>("expiresAt").Resolve(ctx => ctx.Source.Token is { } token ? UtcDates.ToOffset(token.ExpiresAt) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>
/// Checks of a user's current password, per user and host: a stolen token must not become a way to guess the
/// password (which would outlive the token). Every check takes a permit before the password is verified, so guesses
/// sent at once cannot slip past the limit; after <see cref="MaxAttempts"/> in <see cref="Window"/>, changes are
/// refused, the right password included, until the window ends.
/// </summary>
internal sealed class ChangePasswordAttempts : IDisposable
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<(string Tenant, Guid User)> _attempts = PartitionedRateLimiter.Create<(string Tenant, Guid User), (string, Guid)>(
        user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = MaxAttempts,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Takes one attempt of the user's current window; false when none is left.</summary>
    public bool TryAttempt(string tenant, Guid user)
    {
        using var lease = _attempts.AttemptAcquire((tenant, user));
        return lease.IsAcquired;
    }

    public void Dispose() => _attempts.Dispose();
}

/// <summary>
/// Changes the signed-in user's own password, given the current one. The user gets a new security stamp, so every
/// access token issued before stops working (at once on this host, within the stamp cache's bound on others); the
/// answer carries a new token. The update is conditional on the hash that was verified and the stamp that was read:
/// of two changes sent at once with the same current password one wins, and a change that raced another change of
/// the user (a second password change, a demotion, a deactivation) is refused as stale, never given a token.
/// </summary>
internal sealed class ChangePasswordHandler(
    ModuleDbContextFactory<IdentityDbContext> contexts, IValidator<ChangePasswordInput> validator, ITenantContext tenant,
    SecurityStamps stamps, AccessTokens accessTokens, ChangePasswordAttempts attempts, TimeProvider time)
{
    public async Task<ChangePasswordPayload> HandleAsync(ChangePasswordInput input, ClaimsPrincipal? caller, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return ChangePasswordPayload.Fail(errors);
        if (!Guid.TryParse(caller?.FindFirst(AccessTokenClaims.Subject)?.Value, out var userId))
            return ChangePasswordPayload.Fail(IdentityErrors.NotAUser);

        await using var db = contexts.Create();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.IsActive)
            return ChangePasswordPayload.Fail(IdentityErrors.NotAUser);
        var stamp = caller!.FindFirst(AccessTokenClaims.SecurityStamp)?.Value;
        if (!string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
            return ChangePasswordPayload.Fail(new UserError("UNAUTHENTICATED", SecurityStampValidator.StaleTokenMessage));
        if (!attempts.TryAttempt(tenant.Tenant.Id, userId))
            return ChangePasswordPayload.Fail(IdentityErrors.TooManyPasswordAttempts);
        if (Passwords.Verify(user.PasswordHash, input.CurrentPassword) == PasswordVerificationResult.Failed)
            return ChangePasswordPayload.Fail(IdentityErrors.WrongCurrentPassword);
        if (PasswordRules.Problem(input.NewPassword, user.Email) is { } problem)
            return ChangePasswordPayload.Fail(new UserError(IdentityErrors.WeakPasswordCode, problem, "input.newPassword"));

        var verifiedHash = user.PasswordHash;
        var readStamp = user.SecurityStamp;
        user.ChangePassword(Passwords.HashPassword(input.NewPassword), time.GetUtcNow().UtcDateTime);
        // Conditional on the stamp read too: a demotion or deactivation committed since the read changed it, and the
        // new token (issued from the roles read) must not carry the old roles with the then-current stamp.
        var changed = await db.Users.Where(u => u.Id == userId && u.PasswordHash == verifiedHash && u.SecurityStamp == readStamp && u.IsActive)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.PasswordHash, user.PasswordHash)
                .SetProperty(u => u.SecurityStamp, user.SecurityStamp)
                .SetProperty(u => u.UpdatedAt, user.UpdatedAt), cancellationToken);
        if (changed == 0) // the password, roles or state changed meanwhile: the caller's token is stale now
            return ChangePasswordPayload.Fail(new UserError("UNAUTHENTICATED", SecurityStampValidator.StaleTokenMessage));
        stamps.ForgetUser(tenant.Tenant.Id, userId);
        return new ChangePasswordPayload(user, accessTokens.Issue(user, tenant.Tenant.Id), []);
    }
}

internal static class ChangePasswordMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ChangePasswordPayloadType>>("changePassword")
            .Description("Changes the signed-in user's password. Every access token issued before stops working; the answer carries a new one. " +
                "Fails with VALIDATION, WEAK_PASSWORD, PASSWORD_UNCHANGED, INVALID_CURRENT_PASSWORD, TOO_MANY_ATTEMPTS (more than 5 tries of the current password in 15 minutes) " +
                "or NOT_A_USER (an API key has no password).")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<ChangePasswordInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ChangePasswordHandler>()
                .HandleAsync(ctx.GetArgument<ChangePasswordInput>("input"), ctx.User, ctx.CancellationToken));
}
