namespace Inventory.ArchitectureTests.Fixtures.GoodModule.Persistence;

internal sealed class GoodModuleStore;
