using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.Features.DiscontinueProduct;
using Inventory.Catalog.Features.GetProduct;
using Inventory.Catalog.Features.ListProducts;
using Inventory.Catalog.Features.UpdateProduct;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Inventory.Catalog.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog;

/// <summary>The Catalog module's one public entry: products, their SKUs and descriptive data.</summary>
public static class CatalogModule
{
    public const string Name = "Catalog";

    public static PlatformModules AddCatalogModule(this PlatformModules modules) =>
        modules.AddModule(Name, module =>
        {
            module.AddDatabase<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext, SqlServerCatalogDbContext>(CatalogDbContext.SchemaName);
            module.AddGraphQL<CatalogRootFields>();
            module.AddIntegrationEvents(typeof(ProductCreated).Assembly);
            module.AddDemoDataSeeder<CatalogDemoSeeder>();

            var services = module.Services;
            services.AddValidatorsFromAssemblyContaining<CatalogRootFields>(ServiceLifetime.Singleton, includeInternalTypes: true);
            services.AddScoped<ProductLoaders>();
            services.AddScoped<CreateProductHandler>();
            services.AddScoped<UpdateProductHandler>();
            services.AddScoped<DiscontinueProductHandler>();
        });
}

internal sealed class CatalogRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        ProductQuery.Add(query);
        ProductsQuery.Add(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        CreateProductMutation.Add(mutation);
        UpdateProductMutation.Add(mutation);
        DiscontinueProductMutation.Add(mutation);
    }
}
