using System.Security.Claims;
using System.Security.Cryptography;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Identity.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Tenants.Identity;

/// <summary>Configuration section <c>Authentication:Jwt</c>.</summary>
internal sealed class JwtOptions
{
    public const string Section = "Authentication:Jwt";
    public const int MinSigningKeyBytes = 32;

    public string Issuer { get; set; } = "inventory";
    public string Audience { get; set; } = "inventory";

    /// <summary>
    /// Base64 of at least 32 random bytes (HMAC-SHA256). Every host of one deployment needs the same key. When it is
    /// not set, a key is generated once into <c>&lt;Database:DataFolder&gt;/jwt-signing.key</c> and reused.
    /// </summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The claims of an access token.</summary>
internal static class AccessTokenClaims
{
    public const string Subject = JwtRegisteredClaimNames.Sub;
    public const string Tenant = "tenant";
    public const string Email = JwtRegisteredClaimNames.Email;
    public const string Role = "role";
    public const string TokenId = JwtRegisteredClaimNames.Jti;

    /// <summary>The user's security stamp when the token was issued: a token whose stamp is no longer the user's is refused.</summary>
    public const string SecurityStamp = "stamp";
}

internal sealed record AccessToken(string Token, DateTime ExpiresAt);

/// <summary>
/// The key access tokens are signed with: the configured one, else one generated into the data folder on first use
/// (readable by the owner only) and read back on every later start, so tokens survive a restart.
/// </summary>
internal sealed class JwtSigningKey(IOptions<JwtOptions> jwt, IOptions<DatabaseOptions> database)
{
    public const string FileName = "jwt-signing.key";
    private const int GeneratedKeyBytes = 64;

    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(jwt.Value, database.Value));

    public SymmetricSecurityKey Key => _key.Value;

    public static string FilePath(DatabaseOptions database) => Path.Combine(database.DataFolder, FileName);

    private static SymmetricSecurityKey Load(JwtOptions jwt, DatabaseOptions database)
    {
        var bytes = string.IsNullOrWhiteSpace(jwt.SigningKey)
            ? ReadOrCreateFile(FilePath(database))
            : Decode(jwt.SigningKey, $"{JwtOptions.Section}:SigningKey");
        // The key id lets validators tell keys apart once keys rotate; it reveals nothing about the key.
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes), 0, 8).ToLowerInvariant() };
    }

    private static byte[] ReadOrCreateFile(string path)
    {
        if (!File.Exists(path))
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var writer = new StreamWriter(temporary, PrivateFiles.NewFile()))
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes)));
            try
            {
                // Never replaces a key: when another host or process got there first, its key wins and is read below.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        return Decode(File.ReadAllText(path).Trim(), path);
    }

    /// <summary>Why <paramref name="base64"/> cannot be a signing key, or null when it can.</summary>
    public static string? Problem(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var length))
            return "is not base64";
        return length < JwtOptions.MinSigningKeyBytes ? $"has {length} bytes; it needs at least {JwtOptions.MinSigningKeyBytes}" : null;
    }

    private static byte[] Decode(string base64, string source)
    {
        if (Problem(base64) is { } problem)
            throw new InvalidOperationException($"The JWT signing key in {source} {problem}.");
        return Convert.FromBase64String(base64.Trim());
    }
}

/// <summary>Issues access tokens, and says how to validate them (the JwtBearer handler uses the same parameters).</summary>
internal sealed class AccessTokens(IOptions<JwtOptions> options, JwtSigningKey signingKey, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(User user, string tenant)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + jwt.AccessTokenLifetime;
        var identity = new ClaimsIdentity(
        [
            new Claim(AccessTokenClaims.Subject, user.Id.ToString()),
            new Claim(AccessTokenClaims.Tenant, tenant),
            new Claim(AccessTokenClaims.Email, user.Email),
            new Claim(AccessTokenClaims.TokenId, Guid.NewGuid().ToString("N")),
            new Claim(AccessTokenClaims.SecurityStamp, user.SecurityStamp),
            .. RoleNames.Of(user.Roles).Select(role => new Claim(AccessTokenClaims.Role, role)),
        ]);
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        // JWT times are whole seconds: answer the expiry the token carries.
        return new AccessToken(token, DateTime.UnixEpoch.AddSeconds(Math.Floor((expires - DateTime.UnixEpoch).TotalSeconds)));
    }

    /// <summary>Lifetimes are checked against the system clock (IdentityModel does not take a TimeProvider).</summary>
    public TokenValidationParameters ValidationParameters() => ValidationParameters(options.Value, signingKey.Key);

    public static TokenValidationParameters ValidationParameters(JwtOptions jwt, SecurityKey key) => new()
    {
        ValidIssuer = jwt.Issuer,
        ValidAudience = jwt.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = AccessTokenClaims.Subject,
        RoleClaimType = AccessTokenClaims.Role,
    };
}

/// <summary>
/// Gives the JwtBearer scheme the access tokens' validation parameters and keeps the claim names as issued
/// (<c>sub</c>, <c>tenant</c>, <c>role</c>), so the host only has to add the scheme and the middleware.
/// </summary>
internal sealed class ConfigureJwtBearer(AccessTokens tokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
            return;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = tokens.ValidationParameters();
    }

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);
}
