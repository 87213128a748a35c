using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Inventory.Host.Tests.Http;
using Inventory.TestKit;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// Two host processes (the built Inventory.Host, started twice) on two ports, sharing the run's PostgreSQL and
/// RabbitMQ: a client subscribed on host A sees a stock change made through host B, within its tenant only.
/// </summary>
public sealed class TwoHostProcessesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "realtime_processes";
    private static readonly string[] Tenants = ["north", "south"];
    private readonly List<(Process Process, string Log)> _hosts = [];
    private readonly string _data = Directory.CreateTempSubdirectory("two-hosts-").FullName;

    public async Task InitializeAsync() => await DropDatabasesAsync();

    public async Task DisposeAsync()
    {
        foreach (var (process, log) in _hosts)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            output.WriteLine($"--- host {process.Id} log (last lines) ---\n{string.Join('\n', File.ReadLines(log).TakeLast(20))}");
        }
        await DropDatabasesAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static async Task DropDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync();
        foreach (var name in Tenants.Append("system"))
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Prefix}_{name}\" WITH (FORCE)", connection);
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

    /// <summary>Starts the built host as its own process and waits until it reports ready; answers its base address.</summary>
    private async Task<Uri> StartHostAsync(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var bin = Path.Combine(RepositoryRoot.Path, "src", "Host", "bin", configuration, "net10.0");
        var dll = Path.Combine(bin, "Inventory.Host.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        var port = FreePort();
        var template = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = $"{Prefix}_{{tenant}}" }.ConnectionString;
        var settings = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionTemplate"] = template,
            ["Database:DataFolder"] = Path.Combine(_data, name),
            ["Startup:SeedDemoData"] = "false",
            ["Tenancy:DefaultTenant"] = Tenants[0],
            ["Tenancy:Tenants:0:Id"] = Tenants[0],
            ["Tenancy:Tenants:1:Id"] = Tenants[1],
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMqUri"] = TestServices.RabbitMqUri,
            ["Messaging:EndpointPrefix"] = Prefix,
            ["Authentication:Jwt:SigningKey"] = TestTokens.SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }
        var process = Process.Start(start)!;
        var log = Path.Combine(_data, $"{name}.log");
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
            Assert.False(process.HasExited, $"host {name} exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(90), $"host {name} to be ready");
        return address;
    }

    private static GraphQLClient Client(Uri host, string tenant, string role) => new(new HttpClient { BaseAddress = host }, tenant, TestTokens.For(tenant, role));

    private static async Task<GraphQLSocket> SubscribeAsync(Uri host, string tenant)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLSocket.SubProtocol);
        await socket.ConnectAsync(new Uri($"ws://{host.Authority}/graphql"), CancellationToken.None);
        var client = new GraphQLSocket(socket);
        await client.InitAsync(new { authorization = "Bearer " + TestTokens.For(tenant, "Viewer") });
        await client.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        return client;
    }

    private static async Task ProductAsync(GraphQLClient admin, string sku)
    {
        await admin.QueryAsync("""mutation { createWarehouse(input: { code: "MAIN", name: "Main" }) { userErrors { code } } }""");
        await admin.QueryAsync("mutation($sku: String!) { createProduct(input: { sku: $sku, name: $sku }) { userErrors { code } } }", new { sku });
        await Eventually.WaitAsync(async () => (await admin.SendAsync(
            """mutation($sku: String!) { configureStockLevel(input: { sku: $sku, warehouseCode: "MAIN" }) { userErrors { code } } }""", new { sku })).Data?["configureStockLevel"]?["userErrors"] is JsonArray { Count: 0 },
            ok => ok, what: $"Stock to learn {sku}");
    }

    private static async Task<int> ReceiveAsync(GraphQLClient clerk, string sku, int quantity) =>
        (await clerk.QueryAsync(Stock.StockApi.Receive, new { input = new { sku, warehouseCode = "MAIN", quantity }, key = Guid.NewGuid().ToString() }))
            ["receiveStock"]!["stockLevel"]!["onHand"]!.GetValue<int>();

    [Fact]
    public async Task ChangeMadeThroughHostB_ReachesASubscriberOnHostA_AndNoSubscriberOfAnotherTenant()
    {
        var hostA = await StartHostAsync("a"); // migrates the databases
        var hostB = await StartHostAsync("b"); // joins them
        Assert.NotEqual(hostA.Port, hostB.Port);
        await ProductAsync(Client(hostB, "north", "Admin"), "NORTH-1");
        await ProductAsync(Client(hostB, "south", "Admin"), "SOUTH-1");

        await using var northOnA = await SubscribeAsync(hostA, "north");
        await using var southOnA = await SubscribeAsync(hostA, "south");
        // The subscriptions are live once a change made on A itself reaches them (the hub does not say when it is subscribed).
        await Eventually.WaitAsync(async () =>
        {
            await ReceiveAsync(Client(hostA, "north", "Clerk"), "NORTH-1", 1);
            try
            {
                RealtimeTest.ChangeOf(await northOnA.ReceiveForAsync("s", TimeSpan.FromSeconds(2)));
                return true;
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(60), "the subscription on host A to be live");
        // Made through host B now; skip what the warm-up may still deliver until it arrives.
        var onHand = await ReceiveAsync(Client(hostB, "north", "Clerk"), "NORTH-1", 100);
        JsonNode change;
        do
            change = await RealtimeTest.NextChangeAsync(northOnA);
        while (change["onHand"]!.GetValue<int>() != onHand);
        Assert.Equal("NORTH-1", change["sku"]!.GetValue<string>());

        // south's subscriber: its first change is south's own, made on host B; nothing of north came before it.
        await ReceiveAsync(Client(hostB, "south", "Clerk"), "SOUTH-1", 7);
        var south = await RealtimeTest.NextChangeAsync(southOnA);
        Assert.Equal(("SOUTH-1", 7), (south["sku"]!.GetValue<string>(), south["onHand"]!.GetValue<int>()));
    }
}
