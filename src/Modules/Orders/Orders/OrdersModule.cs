using Inventory.BuildingBlocks.Modules;

namespace Inventory.Orders;

/// <summary>The Orders module's one public entry. It is registered now and grows with its own issue.</summary>
public static class OrdersModule
{
    public const string Name = "Orders";

    public static PlatformModules AddOrdersModule(this PlatformModules modules) =>
        modules.AddModule(Name, module => module.AddIntegrationEvents(typeof(Contracts.OrdersContractsMarker).Assembly));
}
