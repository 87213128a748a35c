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
        await using var db = contexts.Create();
        var query = Filter(db.Products.AsNoTracking(), filter);

        async Task<int> CountAsync(CancellationToken ct)
        {
            await using var countDb = contexts.Create();
            return await Filter(countDb.Products.AsNoTracking(), filter).CountAsync(ct);
        }

        return order switch
        {
            ProductOrder.SkuAsc or ProductOrder.SkuDesc =>
                await KeysetPaging.PageAsync(query, page, p => p.SkuKey, p => p.SkuKey, order == ProductOrder.SkuDesc, p => p, CountAsync, cancellationToken),
            ProductOrder.NameAsc or ProductOrder.NameDesc =>
                await KeysetPaging.PageAsync(query, page, p => p.Name, p => p.SkuKey, order == ProductOrder.NameDesc, p => p, CountAsync, cancellationToken),
            ProductOrder.CreatedAtAsc or ProductOrder.CreatedAtDesc =>
                await KeysetPaging.PageAsync(query, page, p => p.CreatedAt, p => p.SkuKey, order == ProductOrder.CreatedAtDesc, p => p, CountAsync, cancellationToken),
            _ =>
                await KeysetPaging.PageAsync(query, page, p => p.UpdatedAt, p => p.SkuKey, order == ProductOrder.UpdatedAtDesc, p => p, CountAsync, cancellationToken),
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
