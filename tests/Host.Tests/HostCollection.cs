using Inventory.TestKit;
using Xunit;

// Tests share one PostgreSQL server and reset it between tests: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Inventory.Host.Tests;

/// <summary>The host on PostgreSQL with the in-memory bus; shared by the end-to-end tests of this assembly.</summary>
public sealed class HostFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "host_tests",
    Settings = new()
    {
        ["Tenancy:BaseDomain"] = HostFixture.BaseDomain,
        // Stock's jobs run every second here, so tests can wait for them instead of calling them.
        ["Stock:ReservationExpiryInterval"] = "00:00:01",
        ["Stock:IdempotencyCleanupInterval"] = "00:00:01",
    },
})
{
    public const string BaseDomain = "inventory.test";
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>Base of the tests on <see cref="HostFixture"/>: every test starts from empty tenant databases.</summary>
[Collection(HostCollection.Name)]
public abstract class HostTest(HostFixture fixture) : IAsyncLifetime
{
    protected InventoryApp App => fixture.App;

    public virtual Task InitializeAsync() => fixture.App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
