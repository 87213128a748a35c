using System.Security.Claims;
using Inventory.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Security;

/// <summary>
/// A validated token is decoded and its signature checked once while it lives (ADR 20); it is never served past its
/// expiry, with other validation parameters, or when it failed.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray());
    private static readonly SymmetricSecurityKey OtherKey = new(Enumerable.Range(1, 64).Select(i => (byte)(i * 3)).ToArray());

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = "issuer",
        ValidAudience = "audience",
        IssuerSigningKey = key,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(TimeSpan lifetime, SecurityKey? key = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "issuer",
        Audience = "audience",
        Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString())]),
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        IssuedAt = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.Add(lifetime),
        SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
    });

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        public int Validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref Validations);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }

    [Fact]
    public async Task AValidToken_IsValidatedOnce_AndEachAnswerHasItsOwnIdentity()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var parameters = Parameters(Key);
        var token = Token(TimeSpan.FromMinutes(5));

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);
        second.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));
        var third = await handler.ValidateTokenAsync(token, parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, inner.Validations);
        Assert.Equal(first.ClaimsIdentity.FindFirst("sub")!.Value, third.ClaimsIdentity.FindFirst("sub")!.Value);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task AClonedParameterSet_AsTheJwtBearerHandlerPassesOnEveryRequest_IsServedFromTheCache()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var parameters = Parameters(Key);
        var token = Token(TimeSpan.FromMinutes(5));

        Assert.True((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        Assert.Equal(1, inner.Validations);
    }

    [Fact]
    public async Task ParametersThatValidateDifferently_ValidateAgain()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var token = Token(TimeSpan.FromMinutes(5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(Key))).IsValid);

        var otherAudience = Parameters(Key);
        otherAudience.ValidAudience = "another-audience";
        var refused = await handler.ValidateTokenAsync(token, otherAudience);

        Assert.False(refused.IsValid);
        Assert.Equal(2, inner.Validations);
    }

    [Fact]
    public async Task AnExpiredToken_IsNotServedFromTheCache()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var parameters = Parameters(Key);
        var token = Token(TimeSpan.FromSeconds(2));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        // JWT expiry is in whole seconds: wait until it has certainly passed.
        var expiry = new JsonWebToken(token).ValidTo;
        while (DateTime.UtcNow <= expiry.AddMilliseconds(100))
            await Task.Delay(100);
        var later = await handler.ValidateTokenAsync(token, parameters);

        Assert.False(later.IsValid);
        Assert.Equal(2, inner.Validations);
    }

    [Fact]
    public async Task OtherValidationParameters_ValidateAgain()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var token = Token(TimeSpan.FromMinutes(5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(Key))).IsValid);

        // The signing key rotated: the same token no longer validates.
        var rotated = await handler.ValidateTokenAsync(token, Parameters(OtherKey));

        Assert.False(rotated.IsValid);
        Assert.Equal(2, inner.Validations);
    }

    [Fact]
    public async Task AFailedToken_IsNotCached()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache());
        var parameters = Parameters(Key);
        var forged = Token(TimeSpan.FromMinutes(5), OtherKey);

        Assert.False((await handler.ValidateTokenAsync(forged, parameters)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, parameters)).IsValid);
        Assert.Equal(2, inner.Validations);
    }

    [Fact]
    public async Task ManyTokens_DoNotGrowTheCachePastItsBound()
    {
        var cache = new ValidatedTokenCache();
        var handler = new CachingTokenHandler(new JsonWebTokenHandler(), cache);
        var parameters = Parameters(Key);

        for (var i = 0; i < ValidatedTokenCache.MaxEntries + 500; i++)
            await handler.ValidateTokenAsync(Token(TimeSpan.FromMinutes(5)), parameters);

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.MaxEntries);
    }
}
