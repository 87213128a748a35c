using Inventory.BuildingBlocks.Realtime;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// Two hosts of one deployment: the same tenant databases, the same RabbitMQ broker and queue prefix, each with its
/// own container, bus connection and live-event queue. Its tenants are its own: exchanges are shared by every
/// deployment on the run's broker, and a message of a tenant another deployment does not know faults there
/// instead of changing its data.
/// </summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    private static AppOptions Host(bool join) => new()
    {
        DatabasePrefix = "realtime_hosts",
        Tenants = ["east", "west"],
        UseRabbitMq = true,
        JoinExistingDatabases = join,
    };

    public InventoryApp HostA { get; } = new(Host(join: false));
    public InventoryApp HostB { get; } = new(Host(join: true));

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)HostA).InitializeAsync(); // creates and migrates the databases
        await ((IAsyncLifetime)HostB).InitializeAsync(); // joins them
    }

    public async Task DisposeAsync()
    {
        await HostB.DisposeAsync();
        await HostA.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TwoHostsCollection : ICollectionFixture<TwoHostsFixture>
{
    public const string Name = "realtime-two-hosts";
}

[Collection(TwoHostsCollection.Name)]
public sealed class AcrossHostsTests(TwoHostsFixture hosts) : IAsyncLifetime
{
    public Task InitializeAsync() => hosts.HostA.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Task SubscribedAsync(InventoryApp host, string tenant) =>
        Eventually.WaitAsync(() => Task.FromResult(host.Services.GetRequiredService<LiveEvents>().SubscriberCount(tenant) == 1),
            what: $"a subscription of {tenant}");

    private static async Task ReceiveAsync(InventoryApp host, string tenant, string sku, int quantity)
    {
        var result = await host.GraphQL(tenant, "Clerk").QueryAsync(Stock.StockApi.Receive, new
        {
            input = new { sku, warehouseCode = "MAIN", quantity },
            key = Guid.NewGuid().ToString("N"),
        });
        Assert.Empty(result["receiveStock"]!["userErrors"]!.AsArray());
    }

    [Fact]
    public async Task AChangeMadeOnHostB_ReachesSubscribersOnBothHosts_AndNoSubscriberOfAnotherTenant()
    {
        await hosts.HostA.ProductsAsync("east", "EAST-1");
        await hosts.HostA.ProductsAsync("west", "WEST-1");
        await using var eastOnA = await GraphQLSocket.ConnectAsync(hosts.HostA, "east", "Viewer");
        await using var eastOnB = await GraphQLSocket.ConnectAsync(hosts.HostB, "east", "Viewer");
        await using var westOnA = await GraphQLSocket.ConnectAsync(hosts.HostA, "west", "Viewer");
        await eastOnA.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await eastOnB.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await westOnA.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await SubscribedAsync(hosts.HostA, "east");
        await SubscribedAsync(hosts.HostB, "east");
        await SubscribedAsync(hosts.HostA, "west");

        await ReceiveAsync(hosts.HostB, "east", "EAST-1", 7);
        var seenOnA = await RealtimeTest.NextChangeAsync(eastOnA);
        var seenOnB = await RealtimeTest.NextChangeAsync(eastOnB);
        // Then a change of west, made on host B too: everything west's subscriber received up to it is west's.
        await ReceiveAsync(hosts.HostB, "west", "WEST-1", 3);
        var seenByWest = await RealtimeTest.NextChangeAsync(westOnA, each: c => Assert.Equal("WEST-1", c["sku"]!.GetValue<string>()));

        Assert.Equal(("EAST-1", 7), (seenOnA["sku"]!.GetValue<string>(), seenOnA["onHand"]!.GetValue<int>()));
        Assert.Equal(("EAST-1", 7), (seenOnB["sku"]!.GetValue<string>(), seenOnB["onHand"]!.GetValue<int>()));
        Assert.Equal(("WEST-1", 3), (seenByWest["sku"]!.GetValue<string>(), seenByWest["onHand"]!.GetValue<int>()));
    }
}
