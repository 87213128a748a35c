using System.Text.Json;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Catalog.Tests.Features.DiscontinueProduct;

public sealed class DiscontinueProductHandlerTests(CatalogFixture fixture) : CatalogTest(fixture)
{
    [Fact]
    public async Task Discontinue_MarksTheProductDiscontinuedAndPublishesProductDiscontinued()
    {
        var product = await CreateProductAsync("SKU-1");

        var payload = await DiscontinueAsync(new() { ["sku"] = "sku-1" });

        Assert.Empty(payload.UserErrors);
        var stored = await ReadAsync(db => db.Products.AsNoTracking().SingleAsync());
        Assert.Equal((ProductStatus.Discontinued, 2), (stored.Status, stored.Version));
        var message = Assert.Single(await OutboxAsync(), m => m.Type == typeof(ProductDiscontinued).FullName);
        var discontinued = JsonSerializer.Deserialize<ProductDiscontinued>(message.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((product.Id, "SKU-1", 2), (discontinued.ProductId, discontinued.Sku, discontinued.Version));
        Assert.Equal(Acme, message.TenantId);
    }

    [Fact]
    public async Task Discontinue_Twice_AnswersBothAndWritesOneProductDiscontinued()
    {
        var product = await CreateProductAsync("SKU-1");

        var first = await DiscontinueAsync(new() { ["id"] = product.Id });
        var second = await DiscontinueAsync(new() { ["id"] = product.Id });

        Assert.Empty(first.UserErrors);
        Assert.Empty(second.UserErrors);
        Assert.Equal((ProductStatus.Discontinued, 2), (second.Product!.Status, second.Product.Version));
        Assert.Single(await OutboxAsync(), m => m.Type == typeof(ProductDiscontinued).FullName);
        Assert.Equal(2, (await ReadAsync(db => db.Products.AsNoTracking().SingleAsync())).Version);
    }

    [Fact]
    public async Task Discontinue_WhenTheProductDoesNotExist_IsNotFound()
    {
        var payload = await DiscontinueAsync(new() { ["sku"] = "NOPE-1" });

        var error = Assert.Single(payload.UserErrors);
        Assert.Equal(("NOT_FOUND", "input.sku"), (error.Code, error.Field));
        Assert.Empty(await OutboxAsync());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Discontinue_WhenNotNamedByExactlyOneOfIdOrSku_IsValidation(bool withId, bool withSku)
    {
        var product = await CreateProductAsync("SKU-1");
        var input = new Dictionary<string, object?>();
        if (withId)
            input["id"] = product.Id;
        if (withSku)
            input["sku"] = "SKU-1";

        var payload = await DiscontinueAsync(input);

        Assert.Equal([("VALIDATION", "input.id")], payload.UserErrors.Select(e => (e.Code, e.Field)));
        Assert.Equal(ProductStatus.Active, (await ReadAsync(db => db.Products.AsNoTracking().SingleAsync())).Status);
    }
}
