using System.Text.Json;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.GraphQL;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Catalog.Tests.Features.UpdateProduct;

public sealed class UpdateProductHandlerTests(CatalogFixture fixture) : CatalogTest(fixture)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<Product> CreateFullProductAsync()
    {
        var payload = await CreateAsync(new CreateProductInput
        {
            Sku = "SKU-1", Name = "Widget", Description = "A widget.", Category = "tools", UnitOfMeasure = "box",
            Barcode = "4006381333931", Attributes = [new() { Key = "color", Value = "blue" }],
        });
        Assert.Empty(payload.UserErrors);
        return payload.Product!;
    }

    private Task<Product> StoredAsync() =>
        ReadAsync(db => db.Products.AsNoTracking().SingleAsync());

    private async Task<List<ProductUpdated>> ProductUpdatedEventsAsync() =>
        [.. (await OutboxAsync()).Where(m => m.Type == typeof(ProductUpdated).FullName).Select(m => JsonSerializer.Deserialize<ProductUpdated>(m.Payload, Web)!)];

    [Fact]
    public async Task Update_WithOnlyAName_KeepsEveryOtherField()
    {
        var product = await CreateFullProductAsync();

        var payload = await UpdateAsync(new() { ["id"] = product.Id, ["name"] = "  Gadget " });

        Assert.Empty(payload.UserErrors);
        var stored = await StoredAsync();
        Assert.Equal(("SKU-1", "Gadget", "A widget.", "tools", "box", "4006381333931"),
            (stored.Sku, stored.Name, stored.Description, stored.Category, stored.UnitOfMeasure, stored.Barcode));
        Assert.Equal([("color", "blue")], stored.Attributes.Select(a => (a.Key, a.Value)));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Update_WithOnlyAttributes_ReplacesThemAndKeepsEveryOtherField()
    {
        await CreateFullProductAsync();

        var payload = await UpdateAsync(new()
        {
            ["sku"] = "sku-1",
            ["attributes"] = new List<object?> { new Dictionary<string, object?> { ["key"] = " size ", ["value"] = "M" } },
        });

        Assert.Empty(payload.UserErrors);
        var stored = await StoredAsync();
        Assert.Equal([("size", "M")], stored.Attributes.Select(a => (a.Key, a.Value)));
        Assert.Equal(("Widget", "A widget.", "tools", "box", "4006381333931"),
            (stored.Name, stored.Description, stored.Category, stored.UnitOfMeasure, stored.Barcode));
    }

    [Fact]
    public async Task Update_WhenOptionalFieldsAreSentAsNull_ClearsThem()
    {
        var product = await CreateFullProductAsync();

        var payload = await UpdateAsync(new()
        {
            ["id"] = product.Id, ["description"] = null, ["category"] = null, ["barcode"] = null, ["attributes"] = null,
        });

        Assert.Empty(payload.UserErrors);
        var stored = await StoredAsync();
        Assert.Equal(("Widget", (string?)null, (string?)null, "box", (string?)null),
            (stored.Name, stored.Description, stored.Category, stored.UnitOfMeasure, stored.Barcode));
        Assert.Empty(stored.Attributes);
    }

    [Fact]
    public async Task Update_PublishesProductUpdatedWithTheNewVersion()
    {
        var product = await CreateFullProductAsync();

        await UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Gadget", ["expectedVersion"] = 1 });
        await UpdateAsync(new() { ["id"] = product.Id, ["category"] = "toys", ["expectedVersion"] = 2 });

        var events = await ProductUpdatedEventsAsync();
        Assert.Equal(
            [(product.Id, "SKU-1", "Gadget", "tools", 2), (product.Id, "SKU-1", "Gadget", "toys", 3)],
            events.Select(e => (e.ProductId, e.Sku, e.Name, e.Category, e.Version)));
        Assert.All((await OutboxAsync()).Skip(1), m => Assert.Equal(Acme, m.TenantId));
        Assert.Equal(3, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task Update_WhenTheExpectedVersionIsStale_IsVersionConflictAndWritesNothing()
    {
        var product = await CreateFullProductAsync();
        await UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Gadget" });

        var payload = await UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Gizmo", ["expectedVersion"] = 1 });

        var error = Assert.Single(payload.UserErrors);
        Assert.Equal((CatalogErrors.VersionConflict, "input.expectedVersion"), (error.Code, error.Field));
        Assert.Equal(("Gadget", 2), ((await StoredAsync()).Name, (await StoredAsync()).Version));
        Assert.Single(await ProductUpdatedEventsAsync());
    }

    [Fact]
    public async Task Update_WhenTwoUpdatesRaceWithTheSameExpectedVersion_ExactlyOneWinsAndTheOtherIsVersionConflict()
    {
        var product = await CreateFullProductAsync();

        // Both handlers read version 1 and pass the expectedVersion check before either saves: the loser is
        // refused by the version guard of the UPDATE itself.
        ProductPayload[] payloads;
        using (Rendezvous.Arm(parties: 2))
        {
            payloads = await Task.WhenAll(
                Task.Run(() => UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Gadget", ["expectedVersion"] = 1 })),
                Task.Run(() => UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Gizmo", ["expectedVersion"] = 1 })));
        }

        var winner = Assert.Single(payloads, p => p.Product is not null);
        var loser = Assert.Single(payloads, p => p.Product is null);
        Assert.Equal([CatalogErrors.VersionConflict], Codes(loser));
        var stored = await StoredAsync();
        Assert.Equal((winner.Product!.Name, 2), (stored.Name, stored.Version));
        var updated = Assert.Single(await ProductUpdatedEventsAsync());
        Assert.Equal((winner.Product.Name, 2), (updated.Name, updated.Version));
    }

    [Fact]
    public async Task Update_WhenTwoUpdatesWithTheSameExpectedVersionRunConcurrently_ExactlyOneWins()
    {
        var product = await CreateFullProductAsync();

        var payloads = await Task.WhenAll(Enumerable.Range(1, 2).Select(i =>
            Task.Run(() => UpdateAsync(new() { ["id"] = product.Id, ["name"] = $"Name {i}", ["expectedVersion"] = 1 }))));

        Assert.Single(payloads, p => p.Product is not null);
        Assert.Equal([CatalogErrors.VersionConflict], Codes(Assert.Single(payloads, p => p.Product is null)));
        Assert.Equal(2, (await StoredAsync()).Version);
        Assert.Single(await ProductUpdatedEventsAsync());
    }

    [Fact]
    public async Task Update_WhenTheProductDoesNotExist_IsNotFoundOnTheReferenceField()
    {
        var byId = await UpdateAsync(new() { ["id"] = Guid.CreateVersion7(), ["name"] = "Gadget" });
        var bySku = await UpdateAsync(new() { ["sku"] = "NOPE-1", ["name"] = "Gadget" });

        Assert.Equal(("NOT_FOUND", "input.id"), (byId.UserErrors.Single().Code, byId.UserErrors.Single().Field));
        Assert.Equal(("NOT_FOUND", "input.sku"), (bySku.UserErrors.Single().Code, bySku.UserErrors.Single().Field));
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Update_WhenTheInputIsInvalid_WritesNothing()
    {
        var product = await CreateFullProductAsync();

        var payload = await UpdateAsync(new() { ["id"] = product.Id, ["name"] = " ", ["unitOfMeasure"] = null });

        Assert.Equal([("VALIDATION", "input.name"), ("VALIDATION", "input.unitOfMeasure")], payload.UserErrors.Select(e => (e.Code, e.Field)));
        Assert.Equal(("Widget", 1), ((await StoredAsync()).Name, (await StoredAsync()).Version));
        Assert.Empty(await ProductUpdatedEventsAsync());
    }
}
