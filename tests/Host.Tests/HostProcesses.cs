using System.Diagnostics;
using System.Text.Json.Nodes;
using Inventory.Host.Tests.Http;
using Inventory.TestKit;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests;

/// <summary>
/// Real host processes: the built Inventory.Host started with <c>dotnet</c>, each on its own port, all of one
/// deployment (the same databases, the run's PostgreSQL and RabbitMQ, one queue and exchange prefix). For tests
/// of what only separate processes show: fan-out across hosts, a host killed and another started.
/// </summary>
public sealed class HostProcesses(string prefix, string[] tenants, ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<(Process Process, string Log)> _hosts = [];
    private readonly string _data = Directory.CreateTempSubdirectory("host-processes-").FullName;

    public string Prefix => prefix;

    /// <summary>Extra settings of every host started from now on.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public string ConnectionStringFor(string tenant) =>
        new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = $"{prefix}_{tenant}" }.ConnectionString;

    public async Task DropDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync();
        foreach (var name in tenants.Append("system"))
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}_{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts a host process and waits until it reports ready (the first one creates and migrates the databases).</summary>
    public async Task<(Uri Address, Process Process)> StartAsync(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var bin = Path.Combine(RepositoryRoot.Path, "src", "Host", "bin", configuration, "net10.0");
        var dll = Path.Combine(bin, "Inventory.Host.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        var port = FreePort();
        var settings = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionTemplate"] = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = $"{prefix}_{{tenant}}" }.ConnectionString,
            ["Database:DataFolder"] = Path.Combine(_data, name),
            ["Startup:SeedDemoData"] = "false",
            ["Tenancy:DefaultTenant"] = tenants[0],
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMqUri"] = TestServices.RabbitMqUri,
            ["Messaging:EndpointPrefix"] = prefix,
            ["Authentication:Jwt:SigningKey"] = TestTokens.SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < tenants.Length; i++)
            settings[$"Tenancy:Tenants:{i}:Id"] = tenants[i];
        foreach (var (key, value) in Settings)
            settings[key] = value;

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }
        var process = Process.Start(start)!;
        var log = Path.Combine(_data, $"{name}-{process.Id}.log");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _hosts.Add((process, log));

        var address = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = address };
        await Eventually.WaitAsync(async () =>
        {
            Assert.False(process.HasExited, $"host {name} exited early; see {log}");
            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(90), $"host {name} to be ready");
        await SeedUsersAsync();
        return (address, process);
    }

    /// <summary>
    /// The users of <see cref="Client"/>'s tokens, one per tenant and role: a host in another process checks every
    /// token's security stamp against its user, and cannot be told to trust the test kit's tokens.
    /// </summary>
    private async Task SeedUsersAsync()
    {
        string[] roles = ["Admin", "Manager", "Clerk", "Viewer"];
        foreach (var tenant in tenants)
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(tenant));
            await connection.OpenAsync();
            for (var i = 0; i < roles.Length; i++)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO identity.users (id, email, normalized_email, password_hash, roles, is_active, security_stamp, created_at, updated_at)
                    VALUES (@id, @email, upper(@email), 'not-a-password-hash', @roles, true, @stamp, now(), now())
                    ON CONFLICT DO NOTHING
                    """, connection);
                insert.Parameters.AddWithValue("id", TestTokens.SeededUserId(tenant, roles[i]));
                insert.Parameters.AddWithValue("email", $"{roles[i].ToLowerInvariant()}@{tenant}.test");
                insert.Parameters.AddWithValue("roles", 1 << i);
                insert.Parameters.AddWithValue("stamp", TestTokens.SeededStamp);
                await insert.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>Ends a host at once, as a crash would: no shutdown, nothing flushed.</summary>
    public static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>A client acting as the seeded user of <paramref name="tenant"/> with <paramref name="role"/>.</summary>
    public static GraphQLClient Client(Uri host, string tenant, string role) => new(new HttpClient { BaseAddress = host }, tenant, TestTokens.ForSeeded(tenant, role));

    /// <summary>Creates the MAIN warehouse and a product through a host, and waits until Stock knows it.</summary>
    public static async Task ProductAsync(Uri host, string tenant, string sku)
    {
        var admin = Client(host, tenant, "Admin");
        await admin.QueryAsync("""mutation { createWarehouse(input: { code: "MAIN", name: "Main" }) { userErrors { code } } }""");
        await admin.QueryAsync("mutation($sku: String!) { createProduct(input: { sku: $sku, name: $sku }) { userErrors { code } } }", new { sku });
        await Eventually.WaitAsync(async () => (await admin.SendAsync(
            """mutation($sku: String!) { configureStockLevel(input: { sku: $sku, warehouseCode: "MAIN" }) { userErrors { code } } }""", new { sku })).Data?["configureStockLevel"]?["userErrors"] is JsonArray { Count: 0 },
            ok => ok, what: $"Stock to learn {sku}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, log) in _hosts)
        {
            if (!process.HasExited)
                await KillAsync(process);
            output.WriteLine($"--- host {process.Id} (last lines of its log) ---\n{string.Join('\n', File.ReadLines(log).TakeLast(20))}");
        }
        await DropDatabasesAsync();
        Directory.Delete(_data, recursive: true);
    }
}
