using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.TestKit;

/// <summary>
/// Access tokens for tests, signed with the key the host under test is configured with, so a test can act
/// as any role of any tenant without creating users (sign-in itself has its own tests).
/// </summary>
public static class TestTokens
{
    /// <summary>A fixed 64-byte key for the test hosts only (never a deployment's).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 64).Select(i => (byte)(i * 7)).ToArray());

    public const string OperatorKey = "test-operator-key-of-at-least-32-characters";
    public const string Issuer = "inventory";
    public const string Audience = "inventory";

    public static string For(string tenant, string role = "Admin", TimeSpan? lifetime = null, string? signingKey = null, string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = Audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", Guid.NewGuid().ToString()),
                new Claim("tenant", tenant),
                new Claim("email", $"{role.ToLowerInvariant()}@{tenant}.test"),
                new Claim("role", role),
                new Claim("jti", Guid.NewGuid().ToString()),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
