using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// Access tokens that validated (signature, issuer, audience, lifetime), by their exact text and the validation
/// parameters they validated with (alike, see <see cref="SameValidation"/>), until the token's own expiry (ADR 20). A request presenting the same token again
/// skips decoding and the HMAC; what can change while a token lives (its user deactivated, demoted, given a new
/// password) is not cached here: the security stamp is still asked on every request (<see cref="ICallerValidator"/>).
/// Only successes are kept; bounded by <see cref="MaxEntries"/> (expired entries go first, then the oldest half).
/// Expiry is read from the system clock, as IdentityModel reads it for the lifetime check (not the host's TimeProvider,
/// which tests may stop): a cached token never outlives what a fresh validation would allow.
/// </summary>
internal sealed class ValidatedTokenCache
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trim = new();
    private long _sequence;

    public int Count => _entries.Count;

    public TokenValidationResult? Get(string token, TokenValidationParameters parameters)
    {
        if (!_entries.TryGetValue(token, out var entry))
            return null;
        if (!SameValidation(entry.Parameters, parameters) || DateTime.UtcNow >= entry.ValidTo)
        {
            _entries.TryRemove(KeyValuePair.Create(token, entry));
            return null;
        }
        // A copy of the identity per request: whatever a request adds to its principal stays in that request.
        var cached = entry.Result;
        return new TokenValidationResult
        {
            IsValid = true,
            ClaimsIdentity = cached.ClaimsIdentity.Clone(),
            SecurityToken = cached.SecurityToken,
            Issuer = cached.Issuer,
            TokenType = cached.TokenType,
            TokenContext = cached.TokenContext,
        };
    }

    public void Add(string token, TokenValidationParameters parameters, TokenValidationResult result)
    {
        if (!result.IsValid || result.ClaimsIdentity is null || result.SecurityToken is not { } security || security.ValidTo == DateTime.MinValue)
            return;
        _entries[token] = new Entry(result, parameters, DateTime.SpecifyKind(security.ValidTo, DateTimeKind.Utc), Interlocked.Increment(ref _sequence));
        if (_entries.Count > MaxEntries)
            Trim();
    }

    private void Trim()
    {
        lock (_trim)
        {
            if (_entries.Count <= MaxEntries)
                return;
            var now = DateTime.UtcNow;
            foreach (var (token, entry) in _entries)
                if (entry.ValidTo <= now)
                    _entries.TryRemove(token, out _);
            if (_entries.Count <= MaxEntries * 3 / 4)
                return;
            foreach (var (token, _) in _entries.ToArray().OrderBy(e => e.Value.Sequence).Take(_entries.Count / 2))
                _entries.TryRemove(token, out _);
        }
    }

    /// <summary>
    /// Whether two parameter sets validate alike. Not by reference: the JwtBearer handler passes a clone of its
    /// parameters on every request. Keys, resolvers and validators compare by reference (a rotated key is a new
    /// object), the rest by value; anything unknown differing means a fresh validation.
    /// </summary>
    internal static bool SameValidation(TokenValidationParameters a, TokenValidationParameters b) =>
        ReferenceEquals(a, b) ||
        (ReferenceEquals(a.IssuerSigningKey, b.IssuerSigningKey)
         && SameItems(a.IssuerSigningKeys, b.IssuerSigningKeys)
         && ReferenceEquals(a.IssuerSigningKeyResolver, b.IssuerSigningKeyResolver)
         && ReferenceEquals(a.IssuerSigningKeyValidator, b.IssuerSigningKeyValidator)
         && ReferenceEquals(a.SignatureValidator, b.SignatureValidator)
         && ReferenceEquals(a.LifetimeValidator, b.LifetimeValidator)
         && ReferenceEquals(a.IssuerValidator, b.IssuerValidator)
         && ReferenceEquals(a.AudienceValidator, b.AudienceValidator)
         && ReferenceEquals(a.TokenDecryptionKey, b.TokenDecryptionKey)
         && ReferenceEquals(a.ConfigurationManager, b.ConfigurationManager)
         && a.ValidIssuer == b.ValidIssuer && SameItems(a.ValidIssuers, b.ValidIssuers)
         && a.ValidAudience == b.ValidAudience && SameItems(a.ValidAudiences, b.ValidAudiences)
         && SameItems(a.ValidAlgorithms, b.ValidAlgorithms) && SameItems(a.ValidTypes, b.ValidTypes)
         && a.ValidateIssuer == b.ValidateIssuer && a.ValidateAudience == b.ValidateAudience
         && a.ValidateLifetime == b.ValidateLifetime && a.ValidateIssuerSigningKey == b.ValidateIssuerSigningKey
         && a.RequireSignedTokens == b.RequireSignedTokens && a.RequireExpirationTime == b.RequireExpirationTime
         && a.RequireAudience == b.RequireAudience && a.ValidateTokenReplay == b.ValidateTokenReplay
         && a.ValidateSignatureLast == b.ValidateSignatureLast && a.TryAllIssuerSigningKeys == b.TryAllIssuerSigningKeys
         && a.ClockSkew == b.ClockSkew && a.AuthenticationType == b.AuthenticationType
         && a.NameClaimType == b.NameClaimType && a.RoleClaimType == b.RoleClaimType);

    private static bool SameItems<T>(IEnumerable<T>? a, IEnumerable<T>? b) =>
        ReferenceEquals(a, b) || (a ?? []).SequenceEqual(b ?? []);

    private sealed record Entry(TokenValidationResult Result, TokenValidationParameters Parameters, DateTime ValidTo, long Sequence);
}

/// <summary>
/// A token handler that answers from <see cref="ValidatedTokenCache"/> and otherwise asks the handler it wraps (and
/// caches a success). The JwtBearer scheme's handlers are wrapped, so the authentication middleware and
/// <see cref="CallerAuthentication"/> (both transports) validate a token once between them, not once each per request.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    public TokenHandler Inner => inner;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (cache.Get(token, validationParameters) is { } cached)
            return cached;
        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        cache.Add(token, validationParameters, result);
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override int MaximumTokenSizeInBytes { get => inner.MaximumTokenSizeInBytes; set => inner.MaximumTokenSizeInBytes = value; }
}

/// <summary>Wraps the JwtBearer scheme's token handlers in <see cref="CachingTokenHandler"/>, after every module configured the scheme.</summary>
internal sealed class CacheValidatedTokens(ValidatedTokenCache cache) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        for (var i = 0; i < options.TokenHandlers.Count; i++)
            if (options.TokenHandlers[i] is not CachingTokenHandler)
                options.TokenHandlers[i] = new CachingTokenHandler(options.TokenHandlers[i], cache);
    }
}
