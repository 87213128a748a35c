namespace Inventory.Catalog.Contracts.IntegrationEvents;

/// <summary>A product's descriptive data changed (its SKU never changes).</summary>
public sealed record ProductUpdated(Guid ProductId, string Sku, string Name, string? Category, string UnitOfMeasure, int Version, DateTime OccurredAt);
