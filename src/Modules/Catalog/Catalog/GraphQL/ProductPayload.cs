using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Catalog.Domain;

namespace Inventory.Catalog.GraphQL;

/// <summary>What the product mutations answer: the product as stored, or why nothing was written.</summary>
internal sealed record ProductPayload(Product? Product, IReadOnlyList<UserError> UserErrors)
{
    public static ProductPayload Ok(Product product) => new(product, []);
    public static ProductPayload Fail(params UserError[] errors) => new(null, errors);
    public static ProductPayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal abstract class ProductPayloadType : ObjectGraphType<ProductPayload>
{
    protected ProductPayloadType(string name)
    {
        Name = name;
        Field<ProductType>("product").Resolve(ctx => ctx.Source.Product);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal sealed class CreateProductPayloadType() : ProductPayloadType("CreateProductPayload");

internal sealed class UpdateProductPayloadType() : ProductPayloadType("UpdateProductPayload");

internal sealed class DiscontinueProductPayloadType() : ProductPayloadType("DiscontinueProductPayload");
