using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.Tenants.Identity.Domain;

/// <summary>The stable user-error codes of signing in and of managing users and API keys.</summary>
internal static class IdentityErrors
{
    public const string TenantNotFoundCode = "TENANT_NOT_FOUND";
    public const string TenantSuspendedCode = "TENANT_SUSPENDED";
    public const string TenantNotReadyCode = "TENANT_NOT_READY";
    public const string InvalidCredentialsCode = "INVALID_CREDENTIALS";
    public const string LockedOutCode = "LOCKED_OUT";

    public static UserError TenantNotFound(string slug) => new(TenantNotFoundCode, $"Tenant '{slug}' was not found.", "input.tenant");

    public static UserError TenantSuspended(string slug) => new(TenantSuspendedCode, $"Tenant '{slug}' is suspended.", "input.tenant");

    public static UserError TenantNotReady(string slug) =>
        new(TenantNotReadyCode, $"Tenant '{slug}' is not ready: its provisioning has not completed.", "input.tenant");

    // One answer for an unknown email, a wrong password and a deactivated account: it tells an attacker nothing.
    public static readonly UserError InvalidCredentials = new(InvalidCredentialsCode, "The email or the password is wrong.");

    /// <summary>
    /// The sign-in backoff asks for a wait (the code clients already know; nothing is locked any more). The same for
    /// every email of a tenant, whether it has an account or not.
    /// </summary>
    public static UserError TryAgainIn(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return new(LockedOutCode, $"Too many failed sign-in attempts: wait {seconds} second{(seconds == 1 ? "" : "s")} before trying again.");
    }

    public const string WeakPasswordCode = "WEAK_PASSWORD";
    public const string EmailTakenCode = "EMAIL_TAKEN";
    public const string LastAdminCode = "LAST_ADMIN";

    public static UserError EmailTaken(string field = "input.email") => new(EmailTakenCode, "A user with this email already exists in this tenant.", field);

    public static UserError LastAdmin(string field) =>
        new(LastAdminCode, "This is the last active administrator of the tenant: make another user an administrator first.", field);

    public static UserError UserNotFound(string field = "input.userId") => UserError.NotFound("The user", field);

    public const string PasswordUnchangedCode = "PASSWORD_UNCHANGED";
    public const string InvalidCurrentPasswordCode = "INVALID_CURRENT_PASSWORD";
    public const string NotAUserCode = "NOT_A_USER";

    public static readonly UserError WrongCurrentPassword = new(InvalidCurrentPasswordCode, "The current password is wrong.", "input.currentPassword");

    public const string TooManyAttemptsCode = "TOO_MANY_ATTEMPTS";

    public static readonly UserError TooManyPasswordAttempts =
        new(TooManyAttemptsCode, "Too many wrong current passwords: try again in a few minutes.", "input.currentPassword");

    public static readonly UserError NotAUser = new(NotAUserCode, "Only a signed-in user has a password to change (an API key has none).");

    public static UserError ApiKeyNotFound(string field = "input.id") => UserError.NotFound("The API key", field);
}
