using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.Stock.Features.Warehouses;
using Microsoft.Extensions.DependencyInjection;
using Inventory.Stock.Messaging;
using Inventory.Stock.Persistence;
using Inventory.Stock.Seeding;

namespace Inventory.Stock;

/// <summary>The Stock module's one public entry. For now it learns the catalog's products from Catalog's events.</summary>
public static class StockModule
{
    public const string Name = "Stock";

    public static PlatformModules AddStockModule(this PlatformModules modules) =>
        modules.AddModule(Name, module =>
        {
            module.AddDatabase<StockDbContext, SqliteStockDbContext, PostgresStockDbContext, SqlServerStockDbContext>(StockDbContext.SchemaName);
            module.AddIntegrationEvents(typeof(Contracts.StockContractsMarker).Assembly);
            module.AddConsumer<ProductCreatedConsumer>();
            module.AddConsumer<ProductUpdatedConsumer>();
            module.AddConsumer<ProductDiscontinuedConsumer>();
            module.AddSeeder<StockDefaultsSeeder>();
            module.AddGraphQL<StockRootFields>();
            module.Services.AddValidatorsFromAssemblyContaining<StockRootFields>(includeInternalTypes: true);
            module.Services.AddScoped<WarehouseHandlers>();
        });
}

internal sealed class StockRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query) => WarehouseFields.AddQueryFields(query);

    public void AddMutationFields(ObjectGraphType mutation) => WarehouseFields.AddMutationFields(mutation);
}
