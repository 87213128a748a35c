using Inventory.BuildingBlocks.Realtime;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// Two hosts of one deployment: the same tenant databases, the same RabbitMQ broker and queue prefix, each with its
/// own container, bus connection and live-event queue.
/// </summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    private static AppOptions Host(bool join) => new()
    {
        DatabasePrefix = "realtime_hosts",
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
        await hosts.HostA.ProductsAsync("acme", "ACME-1");
        await hosts.HostA.ProductsAsync("globex", "GLOBEX-1");
        await using var acmeOnA = await GraphQLSocket.ConnectAsync(hosts.HostA, "acme", "Viewer");
        await using var acmeOnB = await GraphQLSocket.ConnectAsync(hosts.HostB, "acme", "Viewer");
        await using var globexOnA = await GraphQLSocket.ConnectAsync(hosts.HostA, "globex", "Viewer");
        await acmeOnA.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await acmeOnB.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await globexOnA.SubscribeAsync("s", RealtimeTest.StockLevelChanged);
        await SubscribedAsync(hosts.HostA, "acme");
        await SubscribedAsync(hosts.HostB, "acme");
        await SubscribedAsync(hosts.HostA, "globex");

        await ReceiveAsync(hosts.HostB, "acme", "ACME-1", 7);
        var seenOnA = await RealtimeTest.NextChangeAsync(acmeOnA);
        var seenOnB = await RealtimeTest.NextChangeAsync(acmeOnB);
        // Then a change of globex, made on host B too: everything globex's subscriber received up to it is globex's.
        await ReceiveAsync(hosts.HostB, "globex", "GLOBEX-1", 3);
        var seenByGlobex = await RealtimeTest.NextChangeAsync(globexOnA, each: c => Assert.Equal("GLOBEX-1", c["sku"]!.GetValue<string>()));

        Assert.Equal(("ACME-1", 7), (seenOnA["sku"]!.GetValue<string>(), seenOnA["onHand"]!.GetValue<int>()));
        Assert.Equal(("ACME-1", 7), (seenOnB["sku"]!.GetValue<string>(), seenOnB["onHand"]!.GetValue<int>()));
        Assert.Equal(("GLOBEX-1", 3), (seenByGlobex["sku"]!.GetValue<string>(), seenByGlobex["onHand"]!.GetValue<int>()));
    }
}
