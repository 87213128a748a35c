using Inventory.BuildingBlocks.Modules;

namespace Inventory.Tenants;

/// <summary>The Tenants module's one public entry. It is registered now and grows with its own issue.</summary>
public static class TenantsModule
{
    public const string Name = "Tenants";

    public static PlatformModules AddTenantsModule(this PlatformModules modules) =>
        modules.AddModule(Name, module => module.AddIntegrationEvents(typeof(Contracts.TenantsContractsMarker).Assembly));
}
