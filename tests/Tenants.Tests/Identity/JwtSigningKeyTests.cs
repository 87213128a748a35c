using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class JwtSigningKeyTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Directory.CreateTempSubdirectory("jwt-key-").FullName, "data");

    private string KeyFile => Path.Combine(_dataFolder, JwtSigningKey.FileName);

    private JwtSigningKey KeyFor(string? configured = null) =>
        new(Options.Create(new JwtOptions { SigningKey = configured }), Options.Create(new DatabaseOptions { DataFolder = _dataFolder }));

    [Fact]
    public void WithoutAConfiguredKey_GeneratesOneFileReadableByTheOwnerOnly_AndReusesItOnTheNextStart()
    {
        var first = KeyFor().Key;

        Assert.True(File.Exists(KeyFile));
        Assert.Equal(64, Convert.FromBase64String(File.ReadAllText(KeyFile)).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        var written = File.ReadAllText(KeyFile);
        var writtenAt = File.GetLastWriteTimeUtc(KeyFile);

        var second = KeyFor().Key;

        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(written, File.ReadAllText(KeyFile));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(KeyFile));
        Assert.Single(Directory.GetFiles(_dataFolder));
    }

    [Fact]
    public async Task ATokenIssuedBeforeARestart_IsStillValidAfterIt()
    {
        var jwt = new JwtOptions();
        var user = User.Create("a@acme.test", Passwords.HashPassword("Correct-Horse-42"), Roles.Clerk, DateTime.UtcNow);
        var token = new AccessTokens(Options.Create(jwt), KeyFor(), TimeProvider.System).Issue(user, "acme").Token;

        var afterRestart = new AccessTokens(Options.Create(jwt), KeyFor(), TimeProvider.System).ValidationParameters();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, afterRestart);
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.True(result.ClaimsIdentity.HasClaim("role", "Clerk"));
    }

    [Fact]
    public void AConfiguredKey_IsUsed_AndNoFileIsWritten()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var key = KeyFor(Convert.ToBase64String(bytes)).Key;

        Assert.Equal(bytes, key.Key);
        Assert.False(File.Exists(KeyFile));
    }

    [Theory]
    [InlineData("c2hvcnQ=")] // "short": 5 bytes
    [InlineData("not base64 at all!")]
    public void AConfiguredKey_ThatIsNotBase64OfAtLeast32Bytes_IsRefused(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyFor(configured).Key);
        Assert.Contains("Authentication:Jwt:SigningKey", error.Message);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dataFolder)!, recursive: true);
}
