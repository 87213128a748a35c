// Deliberately broken integration events: an abstract base, an unsealed event, an internal one.
namespace Inventory.ArchitectureTests.Fixtures.BadContracts.IntegrationEvents;

public abstract record ProductEvent(Guid ProductId);

public record ProductRepriced(Guid ProductId, decimal Price) : ProductEvent(ProductId);

internal sealed record ProductArchived(Guid ProductId);
