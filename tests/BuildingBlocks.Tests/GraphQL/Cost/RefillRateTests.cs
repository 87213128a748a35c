using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Cost;

/// <summary>
/// The token buckets refill at exactly the configured rate per second (the partitioned limiter refills by
/// TokensPerPeriod / ReplenishmentPeriod): throttleStatus.restoreRate says what the budget really does.
/// </summary>
public sealed class RefillRateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(25)]
    [InlineData(10_000)]
    [InlineData(10_005)]
    public void TheCostBudget_RefillsAtTheRestoreRateItReports(int restoreRate)
    {
        using var budgets = new QueryCostBudgets(Options.Create(new QueryCostOptions { MaximumAvailable = 20_000, RestoreRate = restoreRate }));

        var bucket = budgets.Bucket!;
        Assert.Equal(restoreRate, bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds, precision: 9);
        Assert.Equal(restoreRate, budgets.StatusOf("someone")!.RestoreRate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(100)]
    [InlineData(105)]
    public void ConnectionInits_RefillAtTheConfiguredRate(int rate)
    {
        using var connections = new GraphQLWebSocketConnections(Options.Create(new GraphQLWebSocketOptions { ConnectionInitRatePerAddress = rate }));

        var bucket = connections.InitialisationBucket;
        Assert.Equal(rate, bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds, precision: 9);
    }
}
