using System.Text.Json;
using Inventory.BuildingBlocks.Messaging;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Catalog.Tests.Features.CreateProduct;

public sealed class CreateProductHandlerTests(CatalogFixture fixture) : CatalogTest(fixture)
{
    [Fact]
    public async Task Create_WithValidInput_StoresTheTrimmedProductAsVersionOne()
    {
        var payload = await CreateAsync(new CreateProductInput
        {
            Sku = "  SKU-1 ", Name = " Widget ", Description = "A widget.", Category = " tools ", UnitOfMeasure = " box ",
            Barcode = " 4006381333931 ", Attributes = [new() { Key = " color ", Value = "blue" }, new() { Key = "size", Value = "M" }],
        });

        Assert.Empty(payload.UserErrors);
        var stored = await ReadAsync(db => db.Products.AsNoTracking().SingleAsync());
        Assert.Equal(payload.Product!.Id, stored.Id);
        Assert.Equal(("SKU-1", "SKU-1", "Widget", "A widget.", "tools", "box", "4006381333931"),
            (stored.Sku, stored.SkuKey, stored.Name, stored.Description, stored.Category, stored.UnitOfMeasure, stored.Barcode));
        Assert.Equal(ProductStatus.Active, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal([("color", "blue"), ("size", "M")], stored.Attributes.OrderBy(a => a.Key).Select(a => (a.Key, a.Value)));
    }

    [Fact]
    public async Task Create_WithoutUnitOfMeasure_StoresEach()
    {
        await CreateProductAsync("SKU-1");

        var stored = Assert.Single(await ProductsAsync());
        Assert.Equal("each", stored.UnitOfMeasure);
    }

    [Fact]
    public async Task Create_WritesExactlyOneProductCreatedToTheOutboxStampedWithTheTenant()
    {
        var product = await CreateProductAsync("sku-42", "Widget");

        var message = Assert.Single(await OutboxAsync());
        Assert.Equal(typeof(ProductCreated).FullName, message.Type);
        Assert.Equal(Acme, message.TenantId);
        Assert.Contains("sku-42", message.Payload, StringComparison.Ordinal);
        var created = JsonSerializer.Deserialize<ProductCreated>(message.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((product.Id, "sku-42", "Widget", "each", 1), (created.ProductId, created.Sku, created.Name, created.UnitOfMeasure, created.Version));
        // PostgreSQL keeps microseconds: compare with the stored product, not the one in memory.
        Assert.Equal(Assert.Single(await ProductsAsync()).CreatedAt, message.OccurredAt);
    }

    [Fact]
    public async Task Create_WhenTheSaveFailsAfterTheRowsWereSent_WritesNeitherProductNorEvent()
    {
        // The INSERTs reach PostgreSQL and then the save fails: only one transaction around the product and
        // its outbox row keeps both out.
        using (Faults.FailAfterCommandsContaining("INSERT INTO catalog.outbox_messages"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => CreateAsync(new CreateProductInput { Sku = "SKU-1", Name = "Widget" }));
            Assert.True(error is InjectedFaultException || error.InnerException is InjectedFaultException, $"Unexpected failure: {error}");
        }

        Assert.Empty(await ProductsAsync());
        Assert.Empty(await OutboxAsync());
        Assert.Empty(await ReadAsync(db => db.Database.SqlQueryRaw<string>("SELECT key AS \"Value\" FROM catalog.product_attributes").ToListAsync()));
    }

    [Fact]
    public async Task Create_WhenTheInputIsInvalid_WritesNeitherProductNorEvent()
    {
        var payload = await CreateAsync(new CreateProductInput { Sku = "bad sku", Name = " ", Attributes = [new() { Key = "k", Value = "v" }] });

        Assert.Null(payload.Product);
        Assert.Equal(["INVALID_SKU", "VALIDATION"], Codes(payload));
        Assert.Empty(await ProductsAsync());
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Create_WhenTheSkuIsTakenIgnoringCase_IsSkuTakenAndWritesNeitherProductNorEvent()
    {
        var first = await CreateProductAsync("ABC-1", "First");

        var second = await CreateAsync(new CreateProductInput { Sku = " abc-1 ", Name = "Second" });

        Assert.Null(second.Product);
        var error = Assert.Single(second.UserErrors);
        Assert.Equal((CatalogErrors.SkuTakenCode, "input.sku"), (error.Code, error.Field));
        Assert.Equal(first.Id, Assert.Single(await ProductsAsync()).Id);
        Assert.Single(await OutboxAsync());
    }

    [Fact]
    public async Task Create_WhenTwoRequestsRaceForOneSku_StoresOneAndAnswersTheOtherSkuTaken()
    {
        ProductPayload[] payloads;
        using (Rendezvous.Arm(parties: 2))
        {
            payloads = await Task.WhenAll(
                Task.Run(() => CreateAsync(new CreateProductInput { Sku = "RACE-1", Name = "First" })),
                Task.Run(() => CreateAsync(new CreateProductInput { Sku = "race-1", Name = "Second" })));
        }

        var winner = Assert.Single(payloads, p => p.Product is not null);
        var loser = Assert.Single(payloads, p => p.Product is null);
        Assert.Equal([CatalogErrors.SkuTakenCode], Codes(loser));
        Assert.Equal(winner.Product!.Id, Assert.Single(await ProductsAsync()).Id);
        var message = Assert.Single(await OutboxAsync());
        Assert.Contains(winner.Product.Id.ToString(), message.Payload, StringComparison.Ordinal);
    }
}
