using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.Stock.Domain;

/// <summary>The stable codes of Stock's user errors.</summary>
internal static class StockErrors
{
    public const string InvalidWarehouseCode = "INVALID_WAREHOUSE_CODE";
    public const string WarehouseCodeTakenCode = "WAREHOUSE_CODE_TAKEN";
    public const string UnknownSku = "UNKNOWN_SKU";
    public const string ProductDiscontinued = "PRODUCT_DISCONTINUED";
    public const string UnknownWarehouse = "UNKNOWN_WAREHOUSE";
    public const string WarehouseInactive = "WAREHOUSE_INACTIVE";
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    public const string Stale = "STALE";
    public const string QuantityLimit = "QUANTITY_LIMIT";
    public const string InvalidQuantity = "INVALID_QUANTITY";
    public const string ReasonNotAllowed = "REASON_NOT_ALLOWED";
    public const string InvalidTtl = "INVALID_TTL";
    public const string TooManyLines = "TOO_MANY_LINES";
    public const string DuplicateLine = "DUPLICATE_LINE";
    public const string InvalidStatus = "INVALID_STATUS";
    public const string ReservationExpired = "RESERVATION_EXPIRED";
    public const string BackordersOutstanding = "BACKORDERS_OUTSTANDING";
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string InvalidMove = "INVALID_MOVE";
    public const string SameWarehouse = "SAME_WAREHOUSE";

    public static UserError WarehouseCodeTaken(string code) => new(WarehouseCodeTakenCode, $"Warehouse code '{code}' is taken.", "input.code");

    public static UserError WarehouseNotFound(string field) => UserError.NotFound("The warehouse", field);

    public static UserError SkuUnknown(string sku, string field) =>
        new(UnknownSku, $"SKU '{sku}' is not in the catalog (a product created a moment ago may take a moment to arrive).", field);

    public static UserError Discontinued(string sku, string field) =>
        new(ProductDiscontinued, $"SKU '{sku}' is discontinued: it can no longer be received or reserved.", field);

    public static UserError WarehouseUnknown(string code, string field) => new(UnknownWarehouse, $"There is no warehouse '{code}'.", field);

    public static UserError Inactive(string code, string field) => new(WarehouseInactive, $"Warehouse '{code}' is deactivated.", field);

    public static UserError Insufficient(string sku, string warehouseCode, string field) =>
        new(InsufficientStock, $"Not enough stock of '{sku}' in {warehouseCode}.", field);

    public static UserError Status(string what, string status, string wanted) =>
        new(InvalidStatus, $"The {what} is {status}; this needs it {wanted}.", "id");
}
