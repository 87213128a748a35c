using Xunit;

namespace Inventory.TestKit;

/// <summary>An xunit collection fixture holding one <see cref="InventoryApp"/> for a whole test collection.</summary>
public abstract class InventoryAppFixture(AppOptions options) : IAsyncLifetime
{
    public InventoryApp App { get; } = new(options);

    public Task InitializeAsync() => ((IAsyncLifetime)App).InitializeAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
