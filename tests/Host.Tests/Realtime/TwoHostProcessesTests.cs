using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// Two host processes (the built Inventory.Host, started twice) on two ports, sharing the run's PostgreSQL and
/// RabbitMQ: a client subscribed on host A sees a stock change made through host B, within its tenant only.
/// </summary>
public sealed class TwoHostProcessesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HostProcesses _hosts = new("realtime_processes", ["north", "south"], output);

    public Task InitializeAsync() => _hosts.DropDatabasesAsync();

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private static GraphQLClient Client(Uri host, string tenant, string role) => HostProcesses.Client(host, tenant, role);

    private static async Task<GraphQLSocket> SubscribeAsync(Uri host, string tenant)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLSocket.SubProtocol);
        await socket.ConnectAsync(new Uri($"ws://{host.Authority}/graphql"), CancellationToken.None);
        var client = new GraphQLSocket(socket);
        await client.InitAsync(new { authorization = "Bearer " + TestTokens.ForSeeded(tenant, "Viewer") });
        await client.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        return client;
    }

    private static async Task<int> ReceiveAsync(GraphQLClient clerk, string sku, int quantity) =>
        (await clerk.QueryAsync(Stock.StockApi.Receive, new { input = new { sku, warehouseCode = "MAIN", quantity }, key = Guid.NewGuid().ToString() }))
            ["receiveStock"]!["stockLevel"]!["onHand"]!.GetValue<int>();

    [Fact]
    public async Task ChangeMadeThroughHostB_ReachesASubscriberOnHostA_AndNoSubscriberOfAnotherTenant()
    {
        var (hostA, _) = await _hosts.StartAsync("a"); // migrates the databases
        var (hostB, _) = await _hosts.StartAsync("b"); // joins them
        Assert.NotEqual(hostA.Port, hostB.Port);
        await HostProcesses.ProductAsync(hostB, "north", "NORTH-1");
        await HostProcesses.ProductAsync(hostB, "south", "SOUTH-1");

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
