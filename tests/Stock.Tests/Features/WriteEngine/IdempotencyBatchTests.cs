using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.WriteEngine;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Stock.Tests.Features.WriteEngine;

/// <summary>
/// Retries of one idempotency key that arrive together: inside one batch the first copy is applied and the
/// others are answered from the key it left in the batch; across concurrent batches the key that raced is found
/// when the batch runs again. Either way the write is applied once and every copy gets its result.
/// </summary>
public abstract class IdempotencyBatchTests : StockTest
{
    private protected IdempotencyBatchTests(IStockHost host) : base(host) { }

    [Fact]
    public async Task Reserve_When16CopiesOfOneKeyShareABatch_ItIsAppliedOnce_EveryCopyGetsThatReservation_AndAnotherRequestUnderTheKeyIsRefused()
    {
        await SeedAsync(["IDEM"]);
        // Exactly one reservation's worth: a second application would be refused, not answered.
        await StockAsync("IDEM", 5);
        var writes = Enumerable.Range(0, 16)
            .Select(_ => (Func<Task<WriteResult<Reservation>>>)(() => ReserveAsync("cart-1", "cart:1", ("IDEM", Main, 5))))
            .Append(() => ReserveAsync("cart-1", "cart:1", ("IDEM", Main, 4)))
            .ToList();

        var answers = await InOneBatchAsync(writes);

        var copies = answers[..16];
        Assert.All(copies, a => Assert.True(a.Succeeded, string.Join(", ", Codes(a))));
        Assert.False(copies[0].Replayed);
        Assert.All(copies[1..], a => Assert.True(a.Replayed));
        var first = copies[0].Value!;
        Assert.All(copies, a => Assert.Equal(
            (first.Id, first.Status, first.ExpiresAt, first.Reference, 5),
            (a.Value!.Id, a.Value.Status, a.Value.ExpiresAt, a.Value.Reference, Assert.Single(a.Value.Lines).Quantity)));
        Assert.Equal([StockErrors.IdempotencyKeyReused], Codes(answers[16]));

        var level = await LevelAsync("IDEM");
        Assert.Equal((5, 5, 0), (level.OnHand, level.Reserved, level.Available));
        Assert.Equal(1, await ReadAsync(db => db.Reservations.CountAsync()));
        Assert.Equal(1, await ReadAsync(db => db.Movements.CountAsync(m => m.IdempotencyKey == "cart-1")));
        Assert.Equal(1, await ReadAsync(db => db.IdempotencyRecords.CountAsync(k => k.Key == "cart-1")));
        Assert.Single(await OutboxAsync(), m => m.Type == typeof(StockReserved).FullName);

        // A retry in a later batch is answered from the stored key, the same reservation.
        var later = await ReserveAsync("cart-1", "cart:1", ("IDEM", Main, 5));
        Assert.Equal((true, first.Id), (later.Replayed, later.Value!.Id));
    }

    [Fact]
    public async Task Receive_When16ClientsRetryOneKeyAtOnce_ItIsAppliedOnce_EveryAnswerIsTheFirstResult_AndTheKeyIsRefusedForAnythingElse()
    {
        await SeedAsync(["IDEM"]);
        await StockAsync("IDEM", 5);
        var before = await LevelAsync("IDEM");

        // From 16 tasks: some copies share a batch, and on PostgreSQL two batches may hold the key at once.
        var answers = await AllAtOnceAsync(16, _ => ReceiveAsync("receipt-1", "IDEM", 7, reference: "po:1"));

        Assert.All(answers, a => Assert.True(a.Succeeded, string.Join(", ", Codes(a))));
        Assert.Single(answers, a => !a.Replayed);
        Assert.All(answers, a => Assert.Equal((12, before.Version + 1), (a.Value!.OnHand, a.Value.Version)));
        var level = await LevelAsync("IDEM");
        Assert.Equal((12, before.Version + 1), (level.OnHand, level.Version));
        Assert.Equal(1, await ReadAsync(db => db.Movements.CountAsync(m => m.IdempotencyKey == "receipt-1")));

        Assert.Equal([StockErrors.IdempotencyKeyReused], Codes(await ReceiveAsync("receipt-1", "IDEM", 8, reference: "po:1")));
        Assert.Equal([StockErrors.IdempotencyKeyReused], Codes(await AdjustAsync("receipt-1", "IDEM", 7, StockReason.Returned)));
        Assert.Equal([StockErrors.IdempotencyKeyReused], Codes(await ReserveAsync("receipt-1", null, ("IDEM", Main, 1))));
        Assert.Equal(12, (await LevelAsync("IDEM")).OnHand);
    }

    [Fact]
    public async Task Reserve_WhenEveryCopyOfAKeyInABatchIsRefused_NoneIsReplayed_NoKeyIsStored_AndTheKeyServesACorrectedRequest()
    {
        await SeedAsync(["IDEM"]);
        await StockAsync("IDEM", 5);

        var answers = await InOneBatchAsync([.. Enumerable.Range(0, 8).Select(_ => (Func<Task<WriteResult<Reservation>>>)(() => ReserveAsync("too-many", "cart:2", ("IDEM", Main, 6))))]);

        Assert.All(answers, a => Assert.Equal((StockErrors.InsufficientStock, false), (string.Join(",", Codes(a)), a.Replayed)));
        await AssertNothingWrittenAsync("cart:2", "too-many");

        var corrected = await ReserveAsync("too-many", "cart:2", ("IDEM", Main, 5));
        Assert.True(corrected.Succeeded, string.Join(", ", Codes(corrected)));
        Assert.False(corrected.Replayed);
        Assert.Equal(5, (await LevelAsync("IDEM")).Reserved);
    }
}

[Collection(PostgresStockCollection.Name)]
public sealed class IdempotencyBatchOnPostgres(PostgresStockFixture fixture) : IdempotencyBatchTests(fixture);

[Collection(SqliteStockCollection.Name)]
public sealed class IdempotencyBatchOnSqlite(SqliteStockFixture fixture) : IdempotencyBatchTests(fixture);
