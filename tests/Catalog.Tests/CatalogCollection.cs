using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Catalog.Domain;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.Features.DiscontinueProduct;
using Inventory.Catalog.Features.UpdateProduct;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Inventory.Catalog.Tests.Infrastructure;
using Inventory.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

// Tests share one PostgreSQL server and reset it between tests: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Inventory.Catalog.Tests;

/// <summary>
/// The host on PostgreSQL with the in-memory bus, shared by the handler tests of this assembly. Two test
/// interceptors join every module DbContext: a rendezvous that lines concurrent saves up, and a fault injector.
/// </summary>
public sealed class CatalogFixture : InventoryAppFixture
{
    public CatalogFixture() : this(new SaveChangesRendezvous(), new CommandFaults()) { }

    private CatalogFixture(SaveChangesRendezvous rendezvous, CommandFaults faults) : base(new AppOptions
    {
        DatabasePrefix = "catalog_tests",
        Services = services =>
        {
            services.AddSingleton<IInterceptor>(rendezvous);
            services.AddSingleton<IInterceptor>(faults);
        },
    })
    {
        Rendezvous = rendezvous;
        Faults = faults;
    }

    internal SaveChangesRendezvous Rendezvous { get; }
    internal CommandFaults Faults { get; }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogFixture>
{
    public const string Name = "catalog";
}

/// <summary>Base of the tests on <see cref="CatalogFixture"/>: every test starts from empty tenant databases.</summary>
[Collection(CatalogCollection.Name)]
public abstract class CatalogTest(CatalogFixture fixture) : IAsyncLifetime
{
    protected const string Acme = "acme";
    protected const string Globex = "globex";

    protected InventoryApp App => fixture.App;
    private protected SaveChangesRendezvous Rendezvous => fixture.Rendezvous;
    private protected CommandFaults Faults => fixture.Faults;

    public virtual Task InitializeAsync() => fixture.App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    // Each call opens its own tenant scope, as one GraphQL request or one consumed message would.
    private protected async Task<ProductPayload> CreateAsync(CreateProductInput input, string tenant = Acme)
    {
        await using var scope = App.TenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<CreateProductHandler>().HandleAsync(input, CancellationToken.None);
    }

    private protected async Task<Product> CreateProductAsync(string sku, string name = "Widget", string tenant = Acme)
    {
        var payload = await CreateAsync(new CreateProductInput { Sku = sku, Name = name }, tenant);
        Assert.Empty(payload.UserErrors);
        return payload.Product!;
    }

    private protected async Task<ProductPayload> UpdateAsync(Dictionary<string, object?> input, string tenant = Acme)
    {
        await using var scope = App.TenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<UpdateProductHandler>()
            .HandleAsync(UpdateProductInput.From(input), CancellationToken.None);
    }

    private protected async Task<ProductPayload> DiscontinueAsync(Dictionary<string, object?> input, string tenant = Acme)
    {
        await using var scope = App.TenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<DiscontinueProductHandler>().HandleAsync(input, CancellationToken.None);
    }

    /// <summary>Reads the tenant's catalog schema directly, with a context of its own.</summary>
    private protected async Task<T> ReadAsync<T>(Func<CatalogDbContext, Task<T>> read, string tenant = Acme)
    {
        await using var scope = App.TenantScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<CatalogDbContext>>().Create();
        return await read(db);
    }

    private protected Task<List<Product>> ProductsAsync(string tenant = Acme) =>
        ReadAsync(db => db.Products.AsNoTracking().OrderBy(p => p.SkuKey).ToListAsync(), tenant);

    private protected Task<List<OutboxMessage>> OutboxAsync(string tenant = Acme) =>
        ReadAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync(), tenant);

    private protected static string[] Codes(ProductPayload payload) => [.. payload.UserErrors.Select(e => e.Code)];
}
