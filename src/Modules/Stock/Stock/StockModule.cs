using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Features;
using Inventory.Stock.Features.Alerts;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.Features.PurchaseOrders;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.Features.Transfers;
using Inventory.Stock.Features.Warehouses;
using Inventory.Stock.Jobs;
using Inventory.Stock.Messaging;
using Inventory.Stock.Persistence;
using Inventory.Stock.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock;

/// <summary>The Stock module's one public entry: warehouses, stock levels, the ledger, reservations, transfers.</summary>
public static class StockModule
{
    public const string Name = "Stock";

    public static PlatformModules AddStockModule(this PlatformModules modules) =>
        modules.AddModule(Name, module =>
        {
            module.AddDatabase<StockDbContext, SqliteStockDbContext, PostgresStockDbContext, SqlServerStockDbContext>(StockDbContext.SchemaName);
            module.AddIntegrationEvents(typeof(Contracts.StockContractsMarker).Assembly);
            module.AddLiveEvent<StockLevelChanged>();
            module.AddLiveEvent<StockAlertRaised>();
            module.AddLiveEvent<ReservationExpired>();
            module.AddConsumer<ProductCreatedConsumer>();
            module.AddConsumer<ProductUpdatedConsumer>();
            module.AddConsumer<ProductDiscontinuedConsumer>();
            module.AddConsumer<OrderPlacedConsumer>();
            module.AddConsumer<OrderConfirmedConsumer>();
            module.AddConsumer<OrderShippedConsumer>();
            module.AddConsumer<OrderCancelledConsumer>();
            module.AddSeeder<StockDefaultsSeeder>();
            module.AddGraphQL<StockRootFields>();
            module.Services.AddValidatorsFromAssemblyContaining<StockRootFields>(includeInternalTypes: true);
            module.Services.AddScoped<WarehouseHandlers>();
            module.Services.AddScoped<StockWrites>();
            module.Services.AddSingleton<WriteEngine.StockWriteEngine>();
            module.Services.AddOptions<WriteEngine.StockWriteOptions>().BindConfiguration(WriteEngine.StockWriteOptions.Section);
            module.Services.AddScoped<LevelHandlers>();
            module.Services.AddScoped<ReservationHandlers>();
            module.Services.AddScoped<TransferHandlers>();
            module.Services.AddScoped<StockReconciler>();
            module.Services.AddScoped<PurchaseOrderHandlers>();

            var options = new StockOptions();
            module.Configuration.GetSection(StockOptions.Section).Bind(options);
            module.Services.AddOptions<StockOptions>().BindConfiguration(StockOptions.Section);
            module.AddTenantJob<ReservationExpiryJob>(options.ReservationExpiryInterval);
            module.AddTenantJob<IdempotencyKeyCleanupJob>(options.IdempotencyCleanupInterval);
            module.AddTenantJob<ReconciliationJob>(options.ReconciliationInterval);
        });
}

internal sealed class StockRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        WarehouseFields.AddQueryFields(query);
        StockFields.AddQueryFields(query);
        AllocationFields.AddQueryFields(query);
        PurchaseOrderFields.AddQueryFields(query);
        AlertFields.AddQueryFields(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        WarehouseFields.AddMutationFields(mutation);
        StockFields.AddMutationFields(mutation);
        AllocationFields.AddMutationFields(mutation);
        PurchaseOrderFields.AddMutationFields(mutation);
        AlertFields.AddMutationFields(mutation);
    }

    public void AddSubscriptionFields(ObjectGraphType subscription)
    {
        StockLevelChangedSubscription.AddSubscriptionFields(subscription);
        AlertFields.AddSubscriptionFields(subscription);
        ReservationExpiredSubscription.AddSubscriptionFields(subscription);
    }
}
