using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;
using Xunit;

namespace Inventory.TestKit;

public sealed record AppOptions
{
    /// <summary>Prefix of this app's tenant databases; one per test assembly keeps assemblies apart.</summary>
    public required string DatabasePrefix { get; init; }

    public string[] Tenants { get; init; } = ["acme", "globex"];

    /// <summary>
    /// Use the databases as they are instead of dropping them at start: a second host of the same deployment
    /// (same prefix, same queues) joins the first one's databases.
    /// </summary>
    public bool JoinExistingDatabases { get; init; }
    public bool UseRabbitMq { get; init; }
    public bool SeedDemoData { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The real host (every module, PostgreSQL, the in-memory bus or RabbitMQ) in a test server. Tenant
/// databases are dropped and migrated once per app; <see cref="ResetAsync"/> empties them with Respawn
/// (migration history kept) before each test.
/// </summary>
public sealed class InventoryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly AppOptions _options;
    private readonly Dictionary<string, Respawner> _respawners = [];
    private Respawner? _systemRespawner;

    public InventoryApp(AppOptions options) => _options = options;

    public IReadOnlyList<string> Tenants => _options.Tenants;

    public string ConnectionStringFor(string tenant) =>
        new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = DatabaseName(tenant) }.ConnectionString;

    public string DatabaseName(string tenant) => $"{_options.DatabasePrefix}_{tenant.Replace('-', '_')}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var template = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString)
        {
            Database = $"{_options.DatabasePrefix}_{{tenant}}",
            MaxPoolSize = 50,
        }.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionTemplate"] = template,
            ["Startup:MigrateTenants"] = "true",
            ["Startup:SeedDemoData"] = _options.SeedDemoData ? "true" : "false",
            ["Tenancy:DefaultTenant"] = _options.Tenants[0],
            ["Messaging:Transport"] = _options.UseRabbitMq ? "RabbitMq" : "InMemory",
            ["Messaging:EndpointPrefix"] = _options.DatabasePrefix,
            ["Messaging:Outbox:SweepInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Urls"] = "http://127.0.0.1:0",
            ["Authentication:Jwt:SigningKey"] = TestTokens.SigningKey,
            ["Tenancy:OperatorKey"] = TestTokens.OperatorKey,
            // Test servers have no client address: every request of a suite shares one partition, and suites sign
            // in and onboard far more often than people do. Tests of the limits set their own.
            ["RateLimiting:Policies:sign-in:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:onboarding:PermitLimit"] = "1000000",
            ["Onboarding:MaxSignupsPerAddressPerHour"] = "1000000",
            ["Onboarding:MaxSignupsPerHour"] = "1000000",
            ["Authentication:SignInBackoff:Address:FreeAttempts"] = "1000000",
        };
        if (_options.UseRabbitMq)
            settings["Messaging:RabbitMqUri"] = TestServices.RabbitMqUri;
        for (var i = 0; i < _options.Tenants.Length; i++)
            settings[$"Tenancy:Tenants:{i}:Id"] = _options.Tenants[i];
        foreach (var (key, value) in _options.Settings)
            settings[key] = value;
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        // Tokens the kit signs for users that do not exist (TestTokens.For) pass the security stamp check here only.
        builder.ConfigureTestServices(TestTokens.TrustUncheckedStamps);
        if (_options.Services is { } configure)
            builder.ConfigureTestServices(configure);
    }

    /// <summary>A client acting as a user of <paramref name="tenant"/> (default: the first test tenant) with <paramref name="role"/>.</summary>
    public GraphQLClient GraphQL(string? tenant = null, string role = "Admin")
    {
        var name = tenant ?? _options.Tenants[0];
        return new(CreateClient(), name, TestTokens.For(name, role));
    }

    /// <summary>A client with no credentials (it may still name a tenant).</summary>
    public GraphQLClient Anonymous(string? tenant = null) => new(CreateClient(), tenant);

    /// <summary>A platform operator (the operator key), belonging to no tenant.</summary>
    public GraphQLClient Operator() => new(CreateClient(), null, null, TestTokens.OperatorKey);

    public TenantInfo Tenant(string tenant) =>
        Services.GetRequiredService<ITenantStore>().FindAsync(tenant).AsTask().GetAwaiter().GetResult()
            ?? throw new ArgumentException($"Unknown test tenant {tenant}");

    /// <summary>A DI scope of one tenant, as a consumer or job would have: for calling handlers and reading tables directly.</summary>
    public AsyncServiceScope TenantScope(string? tenant = null) =>
        Services.GetRequiredService<ITenantScopeFactory>().CreateScope(Tenant(tenant ?? _options.Tenants[0]));

    public async Task InitializeAsync()
    {
        if (!_options.JoinExistingDatabases)
            await DropDatabasesAsync();
        _ = Server; // starts the host: migrations run before it serves
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Tests start once the host is ready: every tenant database reachable and, with RabbitMQ, every receive
    /// endpoint bound (a message published before its queue is bound would go nowhere).
    /// </summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = CreateClient();
        await Eventually.WaitAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "the host to be ready");
    }

    /// <summary>Drops this app's tenant and system databases (they are created and migrated again when the host starts).</summary>
    public async Task DropDatabasesAsync()
    {
        await using (var connection = new NpgsqlConnection(TestServices.PostgresConnectionString))
        {
            await connection.OpenAsync();
            foreach (var database in _options.Tenants.Select(DatabaseName).Append(DatabaseName("system")))
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>Where Kestrel listens, as http://127.0.0.1:port, for an app started with <c>UseKestrel(0)</c>.</summary>
    public string KestrelAddress()
    {
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Select(a => new Uri(a)).FirstOrDefault(u => u.Scheme == "http" && u.Port > 0)
            ?? throw new InvalidOperationException($"Kestrel reports no http address ({string.Join(", ", addresses)})");
        return $"http://127.0.0.1:{address.Port}";
    }

    /// <summary>Empties every tenant database (all module schemas) and the system database's module tables.</summary>
    public async Task ResetAsync()
    {
        var system = Services.GetServices<ISystemDatabase>().ToList();
        if (system.Count > 0)
        {
            var connectionString = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.SystemConnection();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            _systemRespawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = [.. system.Select(d => d.Schema)],
                TablesToIgnore = [new Table("__ef_migrations_history")],
            });
            await ResetWithRetryAsync(_systemRespawner, connection);
        }

        var schemas = Services.GetServices<IModuleDatabase>().Select(d => d.Schema).ToArray();
        foreach (var tenant in _options.Tenants)
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(tenant));
            await connection.OpenAsync();
            if (!_respawners.TryGetValue(tenant, out var respawner))
            {
                respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
                {
                    DbAdapter = DbAdapter.Postgres,
                    SchemasToInclude = schemas,
                    TablesToIgnore = [new Table("__ef_migrations_history")],
                });
                _respawners[tenant] = respawner;
            }
            await ResetWithRetryAsync(respawner, connection);
        }
    }

    // The host keeps working while a test resets (the outbox sweep, consumers): a reset may deadlock with
    // it, which PostgreSQL resolves by failing one side. The reset is simply run again.
    private static async Task ResetWithRetryAsync(Respawner respawner, NpgsqlConnection connection)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await respawner.ResetAsync(connection);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    /// <summary>Sends what the outbox holds now, for every tenant, without waiting for a signal or the sweep.</summary>
    public async Task DispatchOutboxAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        foreach (var tenant in _options.Tenants)
            await dispatcher.DispatchAsync(Tenant(tenant), CancellationToken.None);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
