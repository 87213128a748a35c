using Inventory.Stock.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Stock.Tests.Infrastructure;

/// <summary>The books check finds what it is there to find: a check that cannot fail would prove nothing after the other tests.</summary>
public abstract class StockBooksTests : StockTest
{
    private protected StockBooksTests(IStockHost host) : base(host) { }

    [Fact]
    public async Task BooksCheck_WhenALevelDriftsFromItsLedger_OrItsReservations_OrItsVersionGoesBack_ReportsEach()
    {
        await SeedAsync(["D"]);
        await StockAsync("D", 10);
        Assert.True((await ReserveAsync("d-1", "d:1", ("D", Main, 3))).Succeeded);
        Assert.Empty(await BooksProblemsAsync());
        var level = await LevelAsync("D");

        // Behind the engine's back: one more unit on hand than the ledger says, one reserved unit no reservation
        // holds, and a version lower than the one the previous check saw.
        await ReadAsync(db => db.Levels.Where(l => l.Id == level.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.OnHand, l => l.OnHand + 1)
            .SetProperty(l => l.Reserved, l => l.Reserved + 1)
            .SetProperty(l => l.Version, l => l.Version - 1)));
        var problems = await BooksProblemsAsync();

        Assert.Contains(problems, p => p.StartsWith("D@MAIN: (onHand, reserved, committed, damaged, incoming) is (11, 4, 0, 0, 0) but its ledger sums to (10, 3, 0, 0, 0)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("D@MAIN: reserved is 4, the held reservations' lines hold 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"D@MAIN: version went back from {level.Version} to {level.Version - 1}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"D@MAIN: the ledger reached version {level.Version}", StringComparison.Ordinal));

        // Put back, but with a safety stock above what is free: available is negative, yet nothing is promised beyond
        // the stock (a correction may eat into safety stock), so that is no problem. Stock promised beyond onHand
        // cannot even be stored: the database's CHECK constraint refuses it.
        await ReadAsync(db => db.Levels.Where(l => l.Id == level.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.OnHand, 10).SetProperty(l => l.Reserved, 3).SetProperty(l => l.Version, level.Version).SetProperty(l => l.SafetyStock, 8)));
        Assert.Equal(-1, (await LevelAsync("D")).Available);
        Assert.Empty(await BooksProblemsAsync());
        await ReadAsync(db => db.Levels.Where(l => l.Id == level.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.SafetyStock, 0)));

        // Put back as the engine left it, the books balance again (and the check after the test passes).
        Assert.Empty(await BooksProblemsAsync());
        Assert.Equal(ReservationStatus.Held, (await ReadAsync(db => db.Reservations.AsNoTracking().SingleAsync())).Status);
    }
}

[Collection(PostgresStockCollection.Name)]
public sealed class StockBooksOnPostgres(PostgresStockFixture fixture) : StockBooksTests(fixture);

[Collection(SqliteStockCollection.Name)]
public sealed class StockBooksOnSqlite(SqliteStockFixture fixture) : StockBooksTests(fixture);
