using Inventory.Catalog.Features.CreateProduct;
using Xunit;

namespace Inventory.Catalog.Tests;

public sealed class TenantIsolationTests(CatalogFixture fixture) : CatalogTest(fixture)
{
    [Fact]
    public async Task ProductCreatedInAcme_IsInvisibleInGlobex()
    {
        await CreateProductAsync("SKU-1", tenant: Acme);

        Assert.Empty(await ProductsAsync(Globex));
        Assert.Empty(await OutboxAsync(Globex));
        Assert.Single(await ProductsAsync(Acme));
    }

    [Fact]
    public async Task ProductOfAcme_CannotBeUpdatedOrDiscontinuedFromGlobex()
    {
        var product = await CreateProductAsync("SKU-1", tenant: Acme);

        var update = await UpdateAsync(new() { ["id"] = product.Id, ["name"] = "Hijacked" }, Globex);
        var discontinue = await DiscontinueAsync(new() { ["sku"] = "SKU-1" }, Globex);

        Assert.Equal(["NOT_FOUND"], Codes(update));
        Assert.Equal(["NOT_FOUND"], Codes(discontinue));
        var stored = Assert.Single(await ProductsAsync(Acme));
        Assert.Equal(("Widget", 1), (stored.Name, stored.Version));
        Assert.Empty(await OutboxAsync(Globex));
    }

    [Fact]
    public async Task SkuTakenInAcme_IsStillFreeInGlobex()
    {
        await CreateProductAsync("SKU-1", tenant: Acme);

        var payload = await CreateAsync(new CreateProductInput { Sku = "sku-1", Name = "Globex widget" }, Globex);

        Assert.Empty(payload.UserErrors);
        Assert.Equal("Globex widget", Assert.Single(await ProductsAsync(Globex)).Name);
        Assert.Equal(Globex, Assert.Single(await OutboxAsync(Globex)).TenantId);
        Assert.Equal("Widget", Assert.Single(await ProductsAsync(Acme)).Name);
    }
}
