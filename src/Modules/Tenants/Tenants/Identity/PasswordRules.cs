namespace Inventory.Tenants.Identity;

/// <summary>What a new password must be. Used by onboarding (the admin's password) and by every password change.</summary>
internal static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 256;
    public const int MinCharacterClasses = 3;

    /// <summary>Why <paramref name="password"/> is not acceptable for the account <paramref name="email"/>, or null when it is.</summary>
    public static string? Problem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
            return "Password is required.";
        if (password.Length < MinLength)
            return $"Password must be at least {MinLength} characters.";
        if (password.Length > MaxLength)
            return $"Password must be at most {MaxLength} characters.";

        var classes = 0;
        if (password.Any(char.IsLower)) classes++;
        if (password.Any(char.IsUpper)) classes++;
        if (password.Any(char.IsDigit)) classes++;
        if (password.Any(c => !char.IsLetterOrDigit(c))) classes++;
        if (classes < MinCharacterClasses)
            return $"Password must contain at least {MinCharacterClasses} of: a lower-case letter, an upper-case letter, a digit, a symbol.";

        if (!string.IsNullOrWhiteSpace(email) && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            return "Password must not be the email address.";
        return null;
    }
}
