using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Catalog.Domain;

namespace Inventory.Catalog.GraphQL;

internal sealed class ProductType : ObjectGraphType<Product>
{
    public ProductType()
    {
        Name = "Product";
        Description = "A product of the tenant's catalog, identified by its SKU.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(p => p.Sku).Description("Stock keeping unit: unique per tenant (ignoring case), 1-64 of letters, digits, '-', '_', '.'.");
        Field(p => p.Name);
        Field(p => p.Description, nullable: true);
        Field(p => p.Category, nullable: true);
        Field(p => p.UnitOfMeasure);
        Field(p => p.Barcode, nullable: true);
        Field<NonNullGraphType<ProductStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductAttributeType>>>>("attributes")
            .Resolve(ctx => ctx.Source.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
        Field(p => p.Version).Description("Grows with every change; pass it as `expectedVersion` to update safely.");
    }
}

internal sealed class ProductStatusType : EnumerationGraphType<ProductStatus>
{
    public ProductStatusType()
    {
        Name = "ProductStatus";
    }
}

internal sealed class ProductAttributeType : ObjectGraphType<ProductAttribute>
{
    public ProductAttributeType()
    {
        Name = "ProductAttribute";
        Field(a => a.Key);
        Field(a => a.Value);
    }
}

internal sealed class ProductAttributeInputType : InputObjectGraphType<ProductAttributeInput>
{
    public ProductAttributeInputType()
    {
        Name = "ProductAttributeInput";
        Field(a => a.Key);
        Field(a => a.Value);
    }
}

internal sealed class ProductAttributeInput
{
    public string Key { get; init; } = "";
    public string Value { get; init; } = "";
}
