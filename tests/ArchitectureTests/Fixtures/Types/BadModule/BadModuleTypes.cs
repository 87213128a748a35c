using Inventory.ArchitectureTests.Fixtures.BadContracts.IntegrationEvents;
using Inventory.ArchitectureTests.Fixtures.BadContracts.Messages;
using Inventory.ArchitectureTests.Fixtures.GoodModule.Contracts.IntegrationEvents;
using Inventory.ArchitectureTests.Fixtures.GoodModule.Persistence;
using MassTransit;

// A deliberately broken module: each type breaks one rule, which must report it.
namespace Inventory.ArchitectureTests.Fixtures.BadModule;

/// <summary>The entry exists but is not static.</summary>
public class BadModuleModule;

/// <summary>Public and unsealed.</summary>
public class StockLedgerWriter;

/// <summary>Internal but unsealed.</summary>
internal class ReservationSweeper;

/// <summary>Reaches into a real module's main assembly.</summary>
internal sealed class CatalogPeek
{
    public static Type Entry() => typeof(Catalog.CatalogModule);
}

/// <summary>Reaches into another (fixture) module's internals: its persistence and its root namespace.</summary>
internal sealed class GoodModulePeek
{
    public static object Store() => new GoodModuleStore();

    public static Type Entry() => typeof(GoodModule.GoodModuleModule);
}

/// <summary>Uses only the other module's Contracts: allowed, and must not be reported.</summary>
internal sealed class ShipmentListener
{
    public static ShipmentDispatched Sample() => new(Guid.Empty, DateTime.UnixEpoch);
}

/// <summary>Consumes a message that is not a declared integration event.</summary>
internal sealed class StockCountedConsumer : IConsumer<StockCounted>
{
    public Task Consume(ConsumeContext<StockCounted> context) => Task.CompletedTask;
}

/// <summary>Consumes an unsealed event.</summary>
internal sealed class ProductRepricedConsumer : IConsumer<ProductRepriced>
{
    public Task Consume(ConsumeContext<ProductRepriced> context) => Task.CompletedTask;
}
