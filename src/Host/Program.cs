using Inventory.BuildingBlocks;
using Inventory.Catalog;
using Inventory.Host;
using Inventory.Orders;
using Inventory.Stock;
using Inventory.Tenants;

var builder = WebApplication.CreateBuilder(args);

builder.AddInventoryPlatform(modules => modules
    .AddCatalogModule()
    .AddStockModule()
    .AddOrdersModule()
    .AddTenantsModule());

var app = builder.Build();
app.UseWebUi();
app.MapInventoryPlatform();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Inventory platform is serving the web UI at {Urls} and GraphQL at {GraphQL}", string.Join(", ", app.Urls), string.Join(", ", app.Urls.Select(u => u + "/graphql"))));
await app.RunAsync();

/// <summary>Visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
