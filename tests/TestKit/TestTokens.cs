using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Inventory.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.TestKit;

/// <summary>
/// Access tokens for tests, signed with the key the host under test is configured with, so a test can act
/// as any role of any tenant without creating users (sign-in itself has its own tests).
/// <para>
/// A host checks every token's security stamp against its user (ADR 14). These tokens name users that do not
/// exist, so they carry <see cref="UncheckedStamp"/>, which only the in-process test host trusts
/// (<see cref="TrustUncheckedStamps"/>); tokens the host issues itself at sign-in, and API keys, always get the
/// host's own check. Hosts in other processes cannot be told to trust them: their tests use
/// <see cref="SeededUserId"/> users, inserted into the tenants' databases.
/// </para>
/// </summary>
public static class TestTokens
{
    /// <summary>A fixed 64-byte key for the test hosts only (never a deployment's).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 64).Select(i => (byte)(i * 7)).ToArray());

    public const string OperatorKey = "test-operator-key-of-at-least-32-characters";
    public const string Issuer = "inventory";
    public const string Audience = "inventory";

    /// <summary>The stamp of <see cref="For"/>'s tokens: trusted by the in-process test host only.</summary>
    public const string UncheckedStamp = "test-kit-unchecked";

    /// <summary>The stamp of the users host processes' tests insert (<see cref="SeededUserId"/>).</summary>
    public const string SeededStamp = "test-kit-seeded";

    /// <param name="stamp">The token's security stamp; null for a token without one (as issued before stamps).</param>
    /// <param name="subject">The user; a new id when left out.</param>
    public static string For(string tenant, string role = "Admin", TimeSpan? lifetime = null, string? signingKey = null, string? issuer = null,
        string? stamp = UncheckedStamp, Guid? subject = null)
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
                new Claim("sub", (subject ?? Guid.NewGuid()).ToString()),
                new Claim("tenant", tenant),
                new Claim("email", $"{role.ToLowerInvariant()}@{tenant}.test"),
                new Claim("role", role),
                new Claim("jti", Guid.NewGuid().ToString()),
                .. stamp is null ? Array.Empty<Claim>() : [new Claim("stamp", stamp)],
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The id of the test user of <paramref name="tenant"/> with <paramref name="role"/>, the same in every run.</summary>
    public static Guid SeededUserId(string tenant, string role) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"test-user:{tenant}:{role}")));

    /// <summary>A token of the seeded user of <paramref name="tenant"/> with <paramref name="role"/>.</summary>
    public static string ForSeeded(string tenant, string role = "Admin") =>
        For(tenant, role, stamp: SeededStamp, subject: SeededUserId(tenant, role));

    /// <summary>
    /// Makes the test host accept <see cref="UncheckedStamp"/> tokens without asking for their (missing) users; every
    /// other caller is checked by the host's own validators.
    /// </summary>
    public static void TrustUncheckedStamps(IServiceCollection services)
    {
        var validators = services.Where(d => d.ServiceType == typeof(ICallerValidator)).ToList();
        foreach (var descriptor in validators)
            services.Remove(descriptor);
        services.AddSingleton<ICallerValidator>(sp => new UncheckedStampTrust([.. validators.Select(d => (ICallerValidator)(
            d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!)))]));
    }

    private sealed class UncheckedStampTrust(IReadOnlyList<ICallerValidator> validators) : ICallerValidator
    {
        public async ValueTask<string?> RefusalAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
        {
            if (caller.FindFirst("stamp")?.Value == UncheckedStamp)
                return null;
            foreach (var validator in validators)
                if (await validator.RefusalAsync(caller, cancellationToken) is { } refusal)
                    return refusal;
            return null;
        }
    }
}
