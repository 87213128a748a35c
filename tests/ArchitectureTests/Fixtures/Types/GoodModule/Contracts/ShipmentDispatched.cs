// The fixture module's Contracts (a separate assembly in a real module).
namespace Inventory.ArchitectureTests.Fixtures.GoodModule.Contracts.IntegrationEvents;

public sealed record ShipmentDispatched(Guid ShipmentId, DateTime OccurredAt);
