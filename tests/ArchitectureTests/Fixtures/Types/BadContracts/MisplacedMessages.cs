// Deliberately misplaced: an event outside a ".IntegrationEvents" namespace, consumed by the bad module.
namespace Inventory.ArchitectureTests.Fixtures.BadContracts.Messages;

public sealed record StockCounted(Guid ProductId, int Quantity);
