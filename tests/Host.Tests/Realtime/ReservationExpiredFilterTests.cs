using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Features.WatchExpiredReservations;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>Which expiries a <c>reservationExpired(filter)</c> subscriber receives.</summary>
public sealed class ReservationExpiredFilterTests
{
    private static readonly ReservationExpired TwoLines = new(Guid.NewGuid(), "cart:7",
        [new ReservationLineInfo("SKU-A", "MAIN", 1), new ReservationLineInfo("SKU-B", "EAST", 2)], DateTime.UtcNow);

    private static bool Receives(string[]? skus, string[]? warehouses, string? reference = null) =>
        ReservationExpiredSubscription.Matches(TwoLines, new SkuWarehouseMatch(skus, warehouses), reference);

    [Fact]
    public void ALineMustMatchBothTheSkuAndTheWarehouse_NotTheSkuOfOneLineAndTheWarehouseOfAnother()
    {
        Assert.True(Receives(["sku-a"], ["main"]));
        Assert.True(Receives(["SKU-B"], ["EAST"]));
        Assert.False(Receives(["SKU-A"], ["EAST"]));
        Assert.False(Receives(["SKU-B"], ["MAIN"]));
    }

    [Fact]
    public void APartLeftOutMatchesEverything_AndTheReferenceIsExact()
    {
        Assert.True(Receives(null, null));
        Assert.True(Receives(["SKU-B"], null));
        Assert.True(Receives(null, ["MAIN"]));
        Assert.False(Receives(["SKU-C"], null));
        Assert.True(Receives(null, null, "cart:7"));
        Assert.False(Receives(null, null, "cart:8"));
        Assert.False(Receives(["SKU-A"], ["EAST"], "cart:7"));
    }
}
