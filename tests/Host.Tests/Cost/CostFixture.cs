using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Cost;

/// <summary>
/// The host with budgets and WebSocket limits small enough to reach in a test: a bucket of 500 points refilled at
/// 25 a second, three anonymous sockets per address, three signed-in sockets per tenant, and ten connection_init
/// messages per address (one more a second); a parsed-document cache of 20 entries.
/// </summary>
public sealed class CostFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "cost_tests",
    Tenants = ["acme"],
    Settings = new()
    {
        ["GraphQL:Cost:MaximumAvailable"] = CostFixture.MaximumAvailable.ToString(),
        ["GraphQL:Cost:RestoreRate"] = CostFixture.RestoreRate.ToString(),
        ["GraphQL:WebSocket:MaxAnonymousConnectionsPerAddress"] = CostFixture.MaxAnonymous.ToString(),
        ["GraphQL:WebSocket:MaxConnectionsPerTenant"] = CostFixture.MaxConnections.ToString(),
        ["GraphQL:WebSocket:ConnectionInitBurstPerAddress"] = CostFixture.InitBurst.ToString(),
        ["GraphQL:WebSocket:ConnectionInitRatePerAddress"] = "1",
        ["GraphQL:DocumentCache:MaxEntries"] = CostFixture.DocumentCacheEntries.ToString(),
    },
})
{
    public const int MaximumAvailable = 500;
    public const int RestoreRate = 25;
    public const int MaxAnonymous = 3;
    public const int MaxConnections = 3;
    public const int InitBurst = 10;
    public const int DocumentCacheEntries = 20;
}

[CollectionDefinition(Name)]
public sealed class CostCollection : ICollectionFixture<CostFixture>
{
    public const string Name = "cost";
}

[Collection(CostCollection.Name)]
public abstract class CostTest(CostFixture fixture) : IAsyncLifetime
{
    protected InventoryApp App => fixture.App;

    public virtual Task InitializeAsync() => fixture.App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
