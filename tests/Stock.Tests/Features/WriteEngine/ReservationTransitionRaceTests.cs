using Inventory.Stock.Domain;
using Inventory.Stock.WriteEngine;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Stock.Tests.Features.WriteEngine;

/// <summary>
/// Transitions racing on one reservation: the first one decided wins; one that can no longer apply is refused
/// (INVALID_STATUS) and moves nothing, and one already done is answered as done without moving stock twice.
/// </summary>
public abstract class ReservationTransitionRaceTests : StockTest
{
    private protected ReservationTransitionRaceTests(IStockHost host) : base(host) { }

    private async Task<List<Guid>> HeldAsync(string sku, int count, int quantity)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var held = await ReserveAsync($"{sku}-r-{i}", $"{sku}:{i}", (sku, Main, quantity));
            Assert.True(held.Succeeded, string.Join(", ", Codes(held)));
            ids.Add(held.Value!.Id);
        }
        return ids;
    }

    [Fact]
    public async Task FulfilAndRelease_WhenTheyRaceOnCommittedReservations_ExactlyOneOfThemWinsEach_AndItsStockMovesOnce()
    {
        await SeedAsync(["T"]);
        await StockAsync("T", 40);
        var ids = await HeldAsync("T", 10, 2);
        foreach (var id in ids)
            Assert.True((await CommitAsync(id)).Succeeded);

        // Three fulfils and three releases of each of the ten, all at once.
        var answers = await AllAtOnceAsync(60, i => (i % 6) < 3 ? FulfilAsync(ids[i / 6]) : ReleaseAsync(ids[i / 6]));

        var fulfilled = 0;
        for (var r = 0; r < ids.Count; r++)
        {
            var fulfils = answers.Skip(r * 6).Take(3).ToList();
            var releases = answers.Skip(r * 6 + 3).Take(3).ToList();
            var (winners, losers, status) = fulfils[0].Succeeded
                ? (fulfils, releases, ReservationStatus.Fulfilled)
                : (releases, fulfils, ReservationStatus.Released);
            Assert.All(winners, w => Assert.Equal(status, Assert.IsType<Reservation>(w.Value).Status));
            Assert.All(losers, l => Assert.Equal([StockErrors.InvalidStatus], Codes(l)));
            var stored = await ReadAsync(db => db.Reservations.AsNoTracking().SingleAsync(x => x.Id == ids[r]));
            Assert.Equal(status, stored.Status);
            var moves = await ReadAsync(db => db.Movements.CountAsync(m => m.ReservationId == ids[r] && (m.Reason == StockReason.Shipped || m.Reason == StockReason.Released)));
            Assert.Equal(1, moves);
            fulfilled += status == ReservationStatus.Fulfilled ? 1 : 0;
        }
        var level = await LevelAsync("T");
        Assert.Equal((40 - 2 * fulfilled, 0, 0), (level.OnHand, level.Reserved, level.Committed));
    }

    [Fact]
    public async Task CommitAndRelease_WhenTheyRaceOnHeldReservations_EachEndsReleased_AndACommitThatLostIsRefused()
    {
        await SeedAsync(["H"]);
        await StockAsync("H", 30);
        var ids = await HeldAsync("H", 10, 3);

        var answers = await AllAtOnceAsync(20, i => i % 2 == 0 ? CommitAsync(ids[i / 2]) : ReleaseAsync(ids[i / 2]));

        for (var r = 0; r < ids.Count; r++)
        {
            var (commit, release) = (answers[2 * r], answers[2 * r + 1]);
            // A release takes back a held or a committed reservation: it always succeeds; a commit only wins if it came first.
            Assert.Equal(ReservationStatus.Released, release.Value!.Status);
            if (!commit.Succeeded)
                Assert.Equal([StockErrors.InvalidStatus], Codes(commit));
            var reasons = await ReadAsync(db => db.Movements.Where(m => m.ReservationId == ids[r]).OrderBy(m => m.VersionAfter).Select(m => m.Reason).ToListAsync());
            Assert.Equal(commit.Succeeded ? [StockReason.Reserved, StockReason.Committed, StockReason.Released] : [StockReason.Reserved, StockReason.Released], reasons);
        }
        var level = await LevelAsync("H");
        Assert.Equal((30, 0, 0, 30), (level.OnHand, level.Reserved, level.Committed, level.Available));
    }

    [Fact]
    public async Task Transitions_WhenTheyShareABatch_AreDecidedInArrivalOrder_OnTheStatusTheOnesBeforeLeft()
    {
        await SeedAsync(["B"]);
        await StockAsync("B", 10);
        var id = (await HeldAsync("B", 1, 4))[0];

        var answers = await InOneBatchAsync<WriteResult<Reservation>>(
        [
            () => FulfilAsync(id),   // refused: held, not committed
            () => CommitAsync(id),   // held -> committed
            () => CommitAsync(id),   // already committed: answered as done
            () => FulfilAsync(id),   // committed -> fulfilled
            () => ReleaseAsync(id),  // refused: fulfilled
        ]);

        Assert.Equal([StockErrors.InvalidStatus, "", "", "", StockErrors.InvalidStatus], answers.Select(a => string.Join(",", Codes(a))));
        Assert.Equal([ReservationStatus.Committed, ReservationStatus.Committed, ReservationStatus.Fulfilled], answers.Where(a => a.Succeeded).Select(a => a.Value!.Status));
        var level = await LevelAsync("B");
        Assert.Equal((6, 0, 0), (level.OnHand, level.Reserved, level.Committed));
        Assert.Equal([StockReason.Reserved, StockReason.Committed, StockReason.Shipped],
            await ReadAsync(db => db.Movements.Where(m => m.ReservationId == id).OrderBy(m => m.VersionAfter).Select(m => m.Reason).ToListAsync()));
    }
}

[Collection(PostgresStockCollection.Name)]
public sealed class ReservationTransitionRaceOnPostgres(PostgresStockFixture fixture) : ReservationTransitionRaceTests(fixture);

[Collection(SqliteStockCollection.Name)]
public sealed class ReservationTransitionRaceOnSqlite(SqliteStockFixture fixture) : ReservationTransitionRaceTests(fixture);
