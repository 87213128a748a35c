using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// Two deployments on one RabbitMQ broker, with tenants of the same names, told apart only by their endpoint
/// prefix: neither receives the other's events (the prefix names the exchanges, not only the queues).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerIsolationTests(RabbitMqHostFixture fixture) : IAsyncLifetime
{
    private InventoryApp App => fixture.App;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<long> ProductsInStockAsync(InventoryApp app, string sku)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionStringFor(app.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM stock.products WHERE sku_key = @sku", connection);
        command.Parameters.AddWithValue("sku", sku);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task DeploymentsWithOtherPrefixes_SharingTheBroker_NeverReceiveEachOthersEvents()
    {
        await using var other = new InventoryApp(new AppOptions { DatabasePrefix = "host_rmq_neighbour", UseRabbitMq = true });
        await other.InitializeAsync();
        Assert.Equal(App.Tenants[0], other.Tenants[0]); // the same tenant name in both deployments

        await App.ProductsAsync(App.Tenants[0], "MINE-1");
        await other.ProductsAsync(other.Tenants[0], "THEIRS-1");

        // Each learned its own product; by the time the second did, the first's event had long been everywhere it went.
        Assert.Equal(1, await ProductsInStockAsync(App, "MINE-1"));
        Assert.Equal(1, await ProductsInStockAsync(other, "THEIRS-1"));
        Assert.Equal(0, await ProductsInStockAsync(other, "MINE-1"));
        Assert.Equal(0, await ProductsInStockAsync(App, "THEIRS-1"));
    }
}
