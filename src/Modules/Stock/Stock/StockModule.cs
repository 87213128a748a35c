using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Features.AdjustStock;
using Inventory.Stock.Features.Alerts.AcknowledgeAlert;
using Inventory.Stock.Features.Alerts.ListAlerts;
using Inventory.Stock.Features.Alerts.WatchAlerts;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Allocation.ConfigureAllocation;
using Inventory.Stock.Features.Allocation.GetAllocationSettings;
using Inventory.Stock.Features.Allocation.SimulateAllocation;
using Inventory.Stock.Features.CommitReservation;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Features.ConfigureLevel;
using Inventory.Stock.Features.CountStock;
using Inventory.Stock.Features.ExpireReservations;
using Inventory.Stock.Features.ExtendReservation;
using Inventory.Stock.Features.FulfilReservation;
using Inventory.Stock.Features.GetReservation;
using Inventory.Stock.Features.GetStockLevel;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.Features.ListMovements;
using Inventory.Stock.Features.ListReservations;
using Inventory.Stock.Features.ListStockLevels;
using Inventory.Stock.Features.MoveStock;
using Inventory.Stock.Features.PurchaseOrders.ClosePurchaseOrder;
using Inventory.Stock.Features.PurchaseOrders.CreatePurchaseOrder;
using Inventory.Stock.Features.PurchaseOrders.GetPurchaseOrder;
using Inventory.Stock.Features.PurchaseOrders.ListPurchaseOrders;
using Inventory.Stock.Features.PurchaseOrders.ReceivePurchaseOrder;
using Inventory.Stock.Features.ReceiveStock;
using Inventory.Stock.Features.ReconcileStock;
using Inventory.Stock.Features.ReleaseReservation;
using Inventory.Stock.Features.ReserveStock;
using Inventory.Stock.Features.Transfers.CancelTransfer;
using Inventory.Stock.Features.Transfers;
using Inventory.Stock.Features.Transfers.CreateTransfer;
using Inventory.Stock.Features.Transfers.GetTransfer;
using Inventory.Stock.Features.Transfers.ListTransfers;
using Inventory.Stock.Features.Transfers.ReceiveTransfer;
using Inventory.Stock.Features.Transfers.ShipTransfer;
using Inventory.Stock.Features.Warehouses.CreateWarehouse;
using Inventory.Stock.Features.Warehouses.DeactivateWarehouse;
using Inventory.Stock.Features.Warehouses.ListWarehouses;
using Inventory.Stock.Features.Warehouses.UpdateWarehouse;
using Inventory.Stock.Features.WatchExpiredReservations;
using Inventory.Stock.Features.WatchStockLevels;
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
            // Validators hold no state: built once, not per request (building one was a tenth of a mutation's host CPU).
            module.Services.AddValidatorsFromAssemblyContaining<StockRootFields>(ServiceLifetime.Singleton, includeInternalTypes: true);
            module.Services.AddSingleton<WriteEngine.StockWriteEngine>();
            module.Services.AddOptions<WriteEngine.StockWriteOptions>().BindConfiguration(WriteEngine.StockWriteOptions.Section);
            module.Services.AddScoped<SingleLevelWrite>();
            module.Services.AddScoped<CreateWarehouseHandler>();
            module.Services.AddScoped<UpdateWarehouseHandler>();
            module.Services.AddScoped<DeactivateWarehouseHandler>();
            module.Services.AddScoped<ReceiveStockHandler>();
            module.Services.AddScoped<AdjustStockHandler>();
            module.Services.AddScoped<CountStockHandler>();
            module.Services.AddScoped<MoveStockHandler>();
            module.Services.AddScoped<ConfigureLevelHandler>();
            module.Services.AddScoped<ReserveStockHandler>();
            module.Services.AddScoped<ReleaseReservationHandler>();
            module.Services.AddScoped<CommitReservationHandler>();
            module.Services.AddScoped<FulfilReservationHandler>();
            module.Services.AddScoped<ExtendReservationHandler>();
            module.Services.AddScoped<ExpireReservationHandler>();
            module.Services.AddScoped<TransferTransitions>();
            module.Services.AddScoped<CreateTransferHandler>();
            module.Services.AddScoped<ShipTransferHandler>();
            module.Services.AddScoped<ReceiveTransferHandler>();
            module.Services.AddScoped<CancelTransferHandler>();
            module.Services.AddScoped<CreatePurchaseOrderHandler>();
            module.Services.AddScoped<ReceivePurchaseOrderHandler>();
            module.Services.AddScoped<ClosePurchaseOrderHandler>();
            module.Services.AddScoped<StockReconciler>();

            var options = new StockOptions();
            module.Configuration.GetSection(StockOptions.Section).Bind(options);
            module.Services.AddOptions<StockOptions>().BindConfiguration(StockOptions.Section);
            module.AddTenantJob<ReservationExpiryJob>(options.ReservationExpiryInterval);
            module.AddTenantJob<IdempotencyKeyCleanupJob>(options.IdempotencyCleanupInterval);
            module.AddTenantJob<ReconciliationJob>(options.ReconciliationInterval);
        });
}

/// <summary>Stock's root fields, one use case each. The order is the schema's: it is printed in schema.graphql.</summary>
internal sealed class StockRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        WarehousesQuery.Add(query);
        StockLevelQuery.Add(query);
        StockLevelsQuery.Add(query);
        StockMovementsQuery.Add(query);
        ReservationQuery.Add(query);
        ReservationsQuery.Add(query);
        TransferQuery.Add(query);
        TransfersQuery.Add(query);
        StockDriftQuery.Add(query);
        AllocationSettingsQuery.Add(query);
        SimulateAllocationQuery.Add(query);
        PurchaseOrderQuery.Add(query);
        PurchaseOrdersQuery.Add(query);
        AlertsQuery.Add(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        CreateWarehouseMutation.Add(mutation);
        UpdateWarehouseMutation.Add(mutation);
        DeactivateWarehouseMutation.Add(mutation);
        ReceiveStockMutation.Add(mutation);
        AdjustStockMutation.Add(mutation);
        CountStockMutation.Add(mutation);
        MoveStockMutation.Add(mutation);
        ConfigureLevelMutation.Add(mutation);
        ReserveStockMutation.Add(mutation);
        ReleaseReservationMutation.Add(mutation);
        CommitReservationMutation.Add(mutation);
        FulfilReservationMutation.Add(mutation);
        ExtendReservationMutation.Add(mutation);
        CreateTransferMutation.Add(mutation);
        ShipTransferMutation.Add(mutation);
        ReceiveTransferMutation.Add(mutation);
        CancelTransferMutation.Add(mutation);
        ReconcileStockMutation.Add(mutation);
        ConfigureAllocationMutation.Add(mutation);
        CreatePurchaseOrderMutation.Add(mutation);
        ReceivePurchaseOrderMutation.Add(mutation);
        ClosePurchaseOrderMutation.Add(mutation);
        AcknowledgeAlertMutation.Add(mutation);
    }

    public void AddSubscriptionFields(ObjectGraphType subscription)
    {
        StockLevelChangedSubscription.AddSubscriptionFields(subscription);
        StockAlertsSubscription.Add(subscription);
        ReservationExpiredSubscription.AddSubscriptionFields(subscription);
    }
}
