using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Features.ListProducts;

internal sealed class ProductFilter
{
    public string? Search { get; init; }
    public string? Category { get; init; }
    public ProductStatus? Status { get; init; }
}

internal sealed class ProductFilterInputType : InputObjectGraphType<ProductFilter>
{
    public ProductFilterInputType()
    {
        Name = "ProductFilterInput";
        Field(f => f.Search, nullable: true).Description("Matches SKU or name, ignoring case.");
        Field(f => f.Category, nullable: true).Description("Exact category.");
        Field<ProductStatusType>("status");
    }
}

internal enum ProductOrder { SkuAsc, SkuDesc, NameAsc, NameDesc, CreatedAtAsc, CreatedAtDesc, UpdatedAtAsc, UpdatedAtDesc }

internal sealed class ProductOrderType : EnumerationGraphType<ProductOrder>
{
    public ProductOrderType()
    {
        Name = "ProductOrderBy";
    }
}

internal static class ProductsQuery
{
    public static void Add(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<ProductType>>>("products")
            .Description("The catalog as a Relay connection, filtered and ordered; cursors are stable while products are added.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<ProductFilterInputType>("filter")
            .Argument<ProductOrderType>("orderBy", a => a.DefaultValue = ProductOrder.SkuAsc);
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var filter = ctx.GetArgument<ProductFilter?>("filter");
            var order = ctx.GetArgument("orderBy", ProductOrder.SkuAsc);
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<CatalogDbContext>>();
            return await PageAsync(contexts, filter, order, page, ctx.CancellationToken);
        });
    }

    internal static async Task<Connection> PageAsync(
        ModuleDbContextFactory<CatalogDbContext> contexts, ProductFilter? filter, ProductOrder order, PageRequest page, CancellationToken cancellationToken)
    {
        IQueryable<Product> Query(CatalogDbContext db) => Filter(db.Products, filter);

        return order switch
        {
            ProductOrder.SkuAsc or ProductOrder.SkuDesc =>
                await KeysetPaging.PageAsync(contexts.Create, Query, page, p => p.SkuKey, p => p.SkuKey, order == ProductOrder.SkuDesc, cancellationToken),
            ProductOrder.NameAsc or ProductOrder.NameDesc =>
                await KeysetPaging.PageAsync(contexts.Create, Query, page, p => p.Name, p => p.SkuKey, order == ProductOrder.NameDesc, cancellationToken),
            ProductOrder.CreatedAtAsc or ProductOrder.CreatedAtDesc =>
                await KeysetPaging.PageAsync(contexts.Create, Query, page, p => p.CreatedAt, p => p.SkuKey, order == ProductOrder.CreatedAtDesc, cancellationToken),
            _ =>
                await KeysetPaging.PageAsync(contexts.Create, Query, page, p => p.UpdatedAt, p => p.SkuKey, order == ProductOrder.UpdatedAtDesc, cancellationToken),
        };
    }

    private static IQueryable<Product> Filter(IQueryable<Product> products, ProductFilter? filter)
    {
        if (filter is null)
            return products;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            products = products.Where(p => p.Name.ToLower().Contains(term) || p.SkuKey.ToLower().Contains(term));
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim();
            products = products.Where(p => p.Category == category);
        }
        if (filter.Status is { } status)
            products = products.Where(p => p.Status == status);
        return products;
    }
}
