using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.Orders.Features;
using Inventory.Orders.Messaging;
using Inventory.Orders.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Orders;

/// <summary>The Orders module's one public entry: sales orders, allocated by Stock through integration events.</summary>
public static class OrdersModule
{
    public const string Name = "Orders";

    public static PlatformModules AddOrdersModule(this PlatformModules modules) =>
        modules.AddModule(Name, module =>
        {
            module.AddDatabase<OrdersDbContext, SqliteOrdersDbContext, PostgresOrdersDbContext, SqlServerOrdersDbContext>(OrdersDbContext.SchemaName);
            module.AddIntegrationEvents(typeof(Contracts.OrdersContractsMarker).Assembly);
            module.AddLiveEvent<Contracts.IntegrationEvents.OrderStatusChanged>();
            module.AddConsumer<StockAllocatedConsumer>();
            module.AddConsumer<StockAllocationFailedConsumer>();
            module.AddConsumer<ReservationExpiredConsumer>();
            module.AddGraphQL<OrdersRootFields>();
            module.Services.AddValidatorsFromAssemblyContaining<OrdersRootFields>(ServiceLifetime.Singleton, includeInternalTypes: true);
            module.Services.AddScoped<PlaceOrderHandler>();
            module.Services.AddScoped<OrderTransitions>();
        });
}

internal sealed class OrdersRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query) => OrderFields.AddQueryFields(query);

    public void AddMutationFields(ObjectGraphType mutation) => OrderFields.AddMutationFields(mutation);

    public void AddSubscriptionFields(ObjectGraphType subscription) => OrderStatusChangedSubscription.AddSubscriptionFields(subscription);
}
