namespace Inventory.Catalog.Contracts.IntegrationEvents;

/// <summary>A product is discontinued: it can no longer be received or reserved.</summary>
public sealed record ProductDiscontinued(Guid ProductId, string Sku, int Version, DateTime OccurredAt);
