using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.Catalog.Domain;

/// <summary>The catalog's stable user-error codes.</summary>
internal static class CatalogErrors
{
    public const string SkuTakenCode = "SKU_TAKEN";
    public const string InvalidSku = "INVALID_SKU";
    public const string VersionConflict = "VERSION_CONFLICT";

    public static UserError SkuTaken(string sku) => new(SkuTakenCode, $"SKU '{sku}' is already used by another product.", "input.sku");

    public static UserError ProductNotFound(string field) => UserError.NotFound("The product", field);

    public static UserError Conflict(int expected, int actual) =>
        new(VersionConflict, $"The product changed meanwhile (version {actual}, expected {expected}); read it again and retry.", "input.expectedVersion");
}
