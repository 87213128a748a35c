using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.TestKit;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.Login;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

// Tests share one PostgreSQL server and reset it between tests: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Inventory.Tenants.Tests;

/// <summary>
/// The host on PostgreSQL with the in-memory bus, shared by the tests of this assembly. Its clock can be moved
/// forward, its data folder (where the JWT signing key is generated) is a temporary folder, and a tenant source
/// adds tenants that are not active (suspended, provisioning, failed).
/// </summary>
public sealed class TenantsFixture : InventoryAppFixture, IAsyncLifetime
{
    public const string Issuer = "inventory-tests";
    public const string Audience = "inventory-tests-api";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    public TenantsFixture() : this(new TestClock(), Directory.CreateTempSubdirectory("tenants-tests-").FullName) { }

    private TenantsFixture(TestClock clock, string dataFolder) : base(new AppOptions
    {
        DatabasePrefix = "tenants_tests",
        Settings = new()
        {
            ["Database:DataFolder"] = dataFolder,
            ["Authentication:Jwt:Issuer"] = Issuer,
            ["Authentication:Jwt:Audience"] = Audience,
            ["Authentication:Jwt:AccessTokenLifetime"] = TokenLifetime.ToString(),
            // These tests check the key generated into the data folder: no configured key.
            ["Authentication:Jwt:SigningKey"] = null,
        },
        Services = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<ITenantSource>(new InactiveTenants());
        },
    })
    {
        Clock = clock;
        DataFolder = dataFolder;
    }

    public TestClock Clock { get; }
    public string DataFolder { get; }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>Tenants that exist but may not be served; never listed as active, so no database is touched.</summary>
internal sealed class InactiveTenants : ITenantSource
{
    public const string Suspended = "frozen";
    public const string Provisioning = "newco";
    public const string Failed = "broken";

    private static readonly Dictionary<string, TenantInfo> Tenants = new[]
    {
        new TenantInfo(Suspended, "Frozen Ltd", "Host=127.0.0.1;Database=unused", TenantStatus.Suspended),
        new TenantInfo(Provisioning, "New Co", "", TenantStatus.Provisioning),
        new TenantInfo(Failed, "Broken Ltd", "", TenantStatus.Failed),
    }.ToDictionary(t => t.Id);

    public ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Tenants.GetValueOrDefault(tenantId));

    public ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TenantInfo>>([.. Tenants.Values]);
}

/// <summary>The system clock plus an offset that tests move forward (lockouts end without waiting).</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;
    private long _frozenAtTicks; // 0: running with the system clock

    public override DateTimeOffset GetUtcNow() =>
        (Interlocked.Read(ref _frozenAtTicks) is var frozen and not 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : base.GetUtcNow())
            .AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Stops the clock where it is (Advance still moves it): waits of a second then do not run out while a
    /// slow machine hashes a password.</summary>
    public void Freeze() => Interlocked.Exchange(ref _frozenAtTicks, base.GetUtcNow().UtcTicks);

    public void Reset()
    {
        Interlocked.Exchange(ref _offsetTicks, 0);
        Interlocked.Exchange(ref _frozenAtTicks, 0);
    }
}

[CollectionDefinition(Name)]
public sealed class TenantsCollection : ICollectionFixture<TenantsFixture>
{
    public const string Name = "tenants";
}

/// <summary>Base of the tests on <see cref="TenantsFixture"/>: every test starts from empty databases and the real time.</summary>
[Collection(TenantsCollection.Name)]
public abstract class TenantsTest(TenantsFixture fixture) : IAsyncLifetime
{
    protected const string Acme = "acme";
    protected const string Globex = "globex";
    protected const string AdminEmail = "admin@acme.test";
    protected const string AdminPassword = "Correct-Horse-42";

    protected InventoryApp App => fixture.App;
    protected TestClock Clock => fixture.Clock;
    protected string DataFolder => fixture.DataFolder;

    public virtual async Task InitializeAsync()
    {
        Clock.Reset();
        await fixture.App.ResetAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private protected T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    private protected Task EnsureAdminAsync(string email = AdminEmail, string password = AdminPassword, string tenant = Acme) =>
        Service<IAdminAccountProvisioner>().EnsureAdminAsync(App.Tenant(tenant), email, Passwords.HashPassword(password), CancellationToken.None);

    // Each call opens its own request scope, as one GraphQL request would (with the default tenant set).
    private protected async Task<LoginPayload> LoginAsync(string email = AdminEmail, string password = AdminPassword, string tenant = Acme)
    {
        await using var scope = App.TenantScope(Acme);
        return await scope.ServiceProvider.GetRequiredService<LoginHandler>()
            .HandleAsync(new LoginInput { Tenant = tenant, Email = email, Password = password }, CancellationToken.None);
    }

    /// <summary>Reads or changes the tenant's identity schema directly, with a context of its own.</summary>
    private protected async Task<T> WithIdentityAsync<T>(Func<IdentityDbContext, Task<T>> use, string tenant = Acme)
    {
        await using var scope = App.TenantScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        return await use(db);
    }

    private protected Task<List<User>> UsersAsync(string tenant = Acme) =>
        WithIdentityAsync(db => db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(), tenant);

    private protected static string[] Codes(LoginPayload payload) => [.. payload.UserErrors.Select(e => e.Code)];
}
