namespace Inventory.Tenants.Identity;

internal static class EmailRules
{
    /// <summary>One '@' with something on both sides and no white space: the rest is the mail server's business.</summary>
    public static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at < email.Length - 1 && at == email.LastIndexOf('@') && !email.Any(char.IsWhiteSpace);
    }
}
