using Inventory.Stock.Domain;
using Inventory.Stock.WriteEngine;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Stock.Tests.Features.WriteEngine;

/// <summary>
/// Receipts, adjustments and counts on one level from many clients at once: every change applies once, in one
/// order that the versions record; a count applies only while onHand is still the quantity it started from.
/// </summary>
public abstract class LevelWriteRaceTests : StockTest
{
    private protected LevelWriteRaceTests(IStockHost host) : base(host) { }

    [Fact]
    public async Task ReceiveAndAdjust_When48ClientsChangeOneLevelAtOnce_EveryChangeAppliesOnce_InTheOrderItsVersionSays()
    {
        await SeedAsync(["L"]);
        await StockAsync("L", 100);
        var start = await LevelAsync("L");
        // Receipts, returns and shrinkage: the decreases (at most 64) can never be refused from 100.
        var deltas = Enumerable.Range(0, 48).Select(i => (i % 3) switch { 0 => i % 5 + 1, 1 => -(i % 4 + 1), _ => 2 }).ToArray();

        var answers = await AllAtOnceAsync(deltas.Length, i => (i % 3) switch
        {
            0 => ReceiveAsync($"l-{i}", "L", deltas[i], reference: $"l:{i}"),
            1 => AdjustAsync($"l-{i}", "L", deltas[i], StockReason.Shrinkage, reference: $"l:{i}"),
            _ => AdjustAsync($"l-{i}", "L", deltas[i], StockReason.Returned, reference: $"l:{i}"),
        });

        Assert.All(answers, a => Assert.True(a.Succeeded, string.Join(", ", Codes(a))));
        // Each answer is the level right after its own change: 48 distinct versions, one after another.
        Assert.Equal(Enumerable.Range(start.Version + 1, 48), answers.Select(a => a.Value!.Version).Order());
        var level = await LevelAsync("L");
        Assert.Equal((100 + deltas.Sum(), start.Version + 48), (level.OnHand, level.Version));
        // Replaying the answers in version order rebuilds the same onHand step by step.
        var byVersion = answers.Select((a, i) => (a.Value!, Delta: deltas[i])).OrderBy(x => x.Item1.Version).ToList();
        var onHand = start.OnHand;
        foreach (var (after, delta) in byVersion)
            Assert.Equal(onHand += delta, after.OnHand);
        var ledger = await ReadAsync(db => db.Movements.AsNoTracking().Where(m => m.Reference != null && m.Reference.StartsWith("l:")).ToListAsync());
        Assert.Equal(48, ledger.Count);
        Assert.Equal(deltas.Sum(), ledger.Sum(m => m.OnHandDelta));
    }

    [Fact]
    public async Task Count_When16ClientsCountFromTheSameQuantityAtOnce_ExactlyOneApplies_TheOthersAreStale()
    {
        await SeedAsync(["C"]);
        await StockAsync("C", 50);

        var answers = await AllAtOnceAsync(16, i => CountAsync($"count-{i}", "C", onHand: 60 + i, changeFromQuantity: 50, reference: $"count:{i}"));

        var winner = Assert.Single(answers, a => a.Succeeded);
        var index = Array.IndexOf(answers, winner);
        Assert.Equal(60 + index, winner.Value!.OnHand);
        for (var i = 0; i < answers.Length; i++)
        {
            if (i == index)
                continue;
            Assert.Equal([StockErrors.Stale], Codes(answers[i]));
            await AssertNothingWrittenAsync($"count:{i}", $"count-{i}");
        }
        Assert.Equal(60 + index, (await LevelAsync("C")).OnHand);

        // Counting again from what is there now applies.
        var recount = await CountAsync("count-again", "C", onHand: 1, changeFromQuantity: 60 + index);
        Assert.True(recount.Succeeded, string.Join(", ", Codes(recount)));
        Assert.Equal(1, (await LevelAsync("C")).OnHand);
    }

    [Fact]
    public async Task Count_WhenCountsAndAdjustmentsShareABatch_EachCountIsComparedWithOnHandAsTheWritesBeforeItLeftIt()
    {
        await SeedAsync(["C"]);
        await StockAsync("C", 50);

        var answers = await InOneBatchAsync<WriteResult<StockLevel>>(
        [
            () => CountAsync("b-0", "C", onHand: 40, changeFromQuantity: 50),          // 50 -> 40
            () => AdjustAsync("b-1", "C", 5, StockReason.Returned),                     // 40 -> 45
            () => CountAsync("b-2", "C", onHand: 30, changeFromQuantity: 40),          // stale: it is 45
            () => CountAsync("b-3", "C", onHand: 44, changeFromQuantity: 45),          // 45 -> 44
            () => AdjustAsync("b-4", "C", -45, StockReason.Shrinkage),                  // refused: only 44
            () => CountAsync("b-5", "C", onHand: 0, changeFromQuantity: 44),           // 44 -> 0
        ]);

        Assert.Equal(["", "", StockErrors.Stale, "", StockErrors.InsufficientStock, ""], answers.Select(a => string.Join(",", Codes(a))));
        Assert.Equal([40, 45, 44, 0], answers.Where(a => a.Succeeded).Select(a => a.Value!.OnHand));
        var versions = answers.Where(a => a.Succeeded).Select(a => a.Value!.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(4, versions.Distinct().Count());
        Assert.Equal((0, versions[^1]), ((await LevelAsync("C")).OnHand, (await LevelAsync("C")).Version));
    }
}

[Collection(PostgresStockCollection.Name)]
public sealed class LevelWriteRaceOnPostgres(PostgresStockFixture fixture) : LevelWriteRaceTests(fixture);

[Collection(SqliteStockCollection.Name)]
public sealed class LevelWriteRaceOnSqlite(SqliteStockFixture fixture) : LevelWriteRaceTests(fixture);
