using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.Login;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>Sign-in on the embedded default (SQLite files): the identity migration, the lockout update and its time comparisons.</summary>
public sealed class SqliteLoginTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("tenants-sqlite-").FullName;

    [Fact]
    public async Task Login_OnSqlite_SignsIn_BacksOffAfterFiveFailures_AndSignsInAgainAfterTheWait()
    {
        var clock = new TestClock();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Startup:SeedDemoData", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var demo = await factory.Services.GetRequiredService<ITenantStore>().FindAsync("demo") ?? throw new InvalidOperationException("no demo tenant");
        await factory.Services.GetRequiredService<IAdminAccountProvisioner>()
            .EnsureAdminAsync(demo, "admin@demo.test", Passwords.HashPassword("Correct-Horse-42"), CancellationToken.None);

        async Task<string[]> Login(string password)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var payload = await scope.ServiceProvider.GetRequiredService<LoginHandler>()
                .HandleAsync(new LoginInput { Tenant = "demo", Email = "ADMIN@demo.test", Password = password }, CancellationToken.None);
            return payload.AccessToken is null ? [.. payload.UserErrors.Select(e => e.Code)] : ["OK"];
        }

        Assert.Equal(["OK"], await Login("Correct-Horse-42"));
        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], await Login("Wrong-Password-1"));
        Assert.Equal([IdentityErrors.LockedOutCode], await Login("Correct-Horse-42"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["OK"], await Login("Correct-Horse-42"));
        Assert.True(File.Exists(Path.Combine(_dataFolder, JwtSigningKey.FileName)));
    }

    [Fact]
    public void TheHost_RefusesToStart_WithAConfiguredSigningKeyThatIsTooShort()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Authentication:Jwt:SigningKey", Convert.ToBase64String(new byte[16]));
            b.UseSetting("Logging:LogLevel:Default", "None");
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Authentication:Jwt:SigningKey", error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
