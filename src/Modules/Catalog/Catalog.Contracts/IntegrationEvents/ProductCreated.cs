namespace Inventory.Catalog.Contracts.IntegrationEvents;

/// <summary>A product was added to the catalog. <paramref name="Version"/> grows with every change of the product.</summary>
public sealed record ProductCreated(Guid ProductId, string Sku, string Name, string? Category, string UnitOfMeasure, int Version, DateTime OccurredAt);
