using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.AdjustStock;
using Inventory.Stock.Features.CommitReservation;
using Inventory.Stock.Features.CountStock;
using Inventory.Stock.Features.FulfilReservation;
using Inventory.Stock.Features.ReceiveStock;
using Inventory.Stock.Features.ReleaseReservation;
using Inventory.Stock.Features.ReserveStock;
using Inventory.Stock.Persistence;
using Inventory.Stock.Tests.Infrastructure;
using Inventory.Stock.WriteEngine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Sdk;

namespace Inventory.Stock.Tests;

/// <summary>
/// Base of the stock engine tests, whatever the database: every test starts from an empty tenant, calls the
/// handlers in a tenant scope of their own (as one request would), and ends with the books checked
/// (<see cref="StockBooks"/>). Each test class is abstract and has one concrete class per database, so one test
/// body runs on both.
/// </summary>
public abstract class StockTest : IAsyncLifetime
{
    protected const string Main = "MAIN";
    protected const string Actor = "user:stock-tests";

    private readonly IStockHost _host;
    private readonly StockBooks _books = new();

    private protected StockTest(IStockHost host) => _host = host;

    private protected BatchGate Gate => _host.Gate;

    protected string Database => _host.Database;

    public virtual Task InitializeAsync() => _host.ResetAsync();

    public virtual async Task DisposeAsync() => await AssertBooksBalanceAsync();

    /// <summary>Fails the test when the books do not balance (see <see cref="StockBooks"/>); also called between the phases of a test.</summary>
    protected async Task AssertBooksBalanceAsync()
    {
        var problems = await BooksProblemsAsync();
        if (problems.Count > 0)
            throw new XunitException($"The stock books do not balance on {Database}:\n" + string.Join("\n", problems.Take(20)));
    }

    /// <summary>What the books check finds now (it remembers each level's version for the next check).</summary>
    protected Task<List<string>> BooksProblemsAsync() => ReadAsync(_books.ProblemsAsync);

    /// <summary>Reads (or, for setup, writes) the tenant's stock tables directly, with a context of its own.</summary>
    private protected async Task<T> ReadAsync<T>(Func<StockDbContext, Task<T>> read)
    {
        await using var scope = _host.TenantScope();
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
        return await read(db);
    }

    /// <summary>
    /// Products and warehouses as Stock knows them, written straight into its tables: Stock learns products from
    /// the catalog's events, which these tests are not about. Every SKU exists, active, besides <paramref name="discontinued"/>.
    /// </summary>
    private protected Task SeedAsync(string[] skus, string[]? warehouses = null, string[]? discontinued = null, string[]? inactiveWarehouses = null) =>
        ReadAsync(async db =>
        {
            var now = DateTime.UtcNow;
            foreach (var code in warehouses ?? [Main])
                db.Warehouses.Add(Warehouse.Create(code, $"Warehouse {code}", now));
            foreach (var code in inactiveWarehouses ?? [])
            {
                var warehouse = Warehouse.Create(code, $"Warehouse {code}", now);
                warehouse.Active = false;
                db.Warehouses.Add(warehouse);
            }
            foreach (var sku in skus)
                db.Products.Add(new StockProduct { ProductId = Guid.NewGuid(), Sku = sku, SkuKey = StockProduct.KeyOf(sku), Name = $"Product {sku}", CatalogVersion = 1, UpdatedAt = now });
            foreach (var sku in discontinued ?? [])
                db.Products.Add(new StockProduct { ProductId = Guid.NewGuid(), Sku = sku, SkuKey = StockProduct.KeyOf(sku), Name = $"Product {sku}", Discontinued = true, CatalogVersion = 1, UpdatedAt = now });
            return await db.SaveChangesAsync();
        });

    // Each write below opens its own tenant scope and runs synchronously until the engine has its command queued
    // (the validators have no asynchronous rule): a test that starts several inside a held batch gets them all in it.

    private protected async Task<WriteResult<Reservation>> ReserveAsync(string key, string? reference, params (string Sku, string Warehouse, int Quantity)[] lines)
    {
        await using var scope = _host.TenantScope();
        var input = new ReserveStockInput
        {
            Lines = [.. lines.Select(l => new ReserveLineInput { Sku = l.Sku, WarehouseCode = l.Warehouse, Quantity = l.Quantity })],
            Reference = reference,
        };
        return await scope.ServiceProvider.GetRequiredService<ReserveStockHandler>().ReserveAsync(input, key, Actor, CancellationToken.None);
    }

    private protected async Task<WriteResult<StockLevel>> ReceiveAsync(string key, string sku, int quantity, string warehouse = Main, string? reference = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiveStockHandler>().ReceiveAsync(
            new ReceiveStockInput { Sku = sku, WarehouseCode = warehouse, Quantity = quantity, Reference = reference }, key, Actor, CancellationToken.None);
    }

    /// <summary>Receives stock under a fresh key, and fails the test if it is refused.</summary>
    private protected async Task StockAsync(string sku, int quantity, string warehouse = Main)
    {
        var received = await ReceiveAsync($"stock-{Guid.NewGuid()}", sku, quantity, warehouse);
        Assert.True(received.Succeeded, $"receiving {quantity} {sku}: {string.Join(", ", Codes(received))}");
    }

    private protected async Task<WriteResult<StockLevel>> AdjustAsync(string key, string sku, int delta, StockReason reason, string warehouse = Main, string? reference = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<AdjustStockHandler>().AdjustAsync(
            new AdjustStockInput { Sku = sku, WarehouseCode = warehouse, Delta = delta, Reason = reason, Reference = reference }, key, Actor, CancellationToken.None);
    }

    private protected async Task<WriteResult<StockLevel>> CountAsync(string key, string sku, int onHand, int changeFromQuantity, string warehouse = Main, string? reference = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<CountStockHandler>().SetAsync(
            new SetStockInput { Sku = sku, WarehouseCode = warehouse, OnHand = onHand, ChangeFromQuantity = changeFromQuantity, Reference = reference }, key, Actor, CancellationToken.None);
    }

    private protected async Task<WriteResult<Reservation>> CommitAsync(Guid id, string? key = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<CommitReservationHandler>().CommitAsync(id.ToString(), key, Actor, CancellationToken.None);
    }

    private protected async Task<WriteResult<Reservation>> FulfilAsync(Guid id, string? key = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<FulfilReservationHandler>().FulfilAsync(id.ToString(), key, Actor, CancellationToken.None);
    }

    private protected async Task<WriteResult<Reservation>> ReleaseAsync(Guid id, string? key = null)
    {
        await using var scope = _host.TenantScope();
        return await scope.ServiceProvider.GetRequiredService<ReleaseReservationHandler>().ReleaseAsync(id.ToString(), key, Actor, CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="writes"/> as one batch of the engine, in the order given: the engine is held on a
    /// batch of its own (a reservation of an unknown SKU, which writes nothing), every write is queued behind it,
    /// and the gate opens. Fails the test unless exactly one more batch ran: then the writes shared it.
    /// </summary>
    private protected async Task<T[]> InOneBatchAsync<T>(IReadOnlyList<Func<Task<T>>> writes)
    {
        Assert.InRange(writes.Count, 1, new StockWriteOptions().MaxBatchSize);
        Task<T>[] started;
        Task<WriteResult<Reservation>> holder;
        int before;
        using (var hold = Gate.HoldNextBatch())
        {
            holder = ReserveAsync($"hold-{Guid.NewGuid()}", null, ("HOLD-THE-BATCH", Main, 1));
            await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));
            before = Gate.Batches;
            started = [.. writes.Select(w => w())];
        }
        var results = await Task.WhenAll(started);
        Assert.Equal([StockErrors.UnknownSku], Codes(await holder));
        Assert.True(Gate.Batches == before + 1, $"the {writes.Count} writes took {Gate.Batches - before} batches, not one");
        return results;
    }

    /// <summary>Starts <paramref name="count"/> calls of <paramref name="work"/> on as many tasks, released at the same moment.</summary>
    protected static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await work(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private protected Task<StockLevel> LevelAsync(string sku, string warehouse = Main) =>
        ReadAsync(db => db.Levels.AsNoTracking().SingleAsync(l => l.SkuKey == StockProduct.KeyOf(sku) && l.WarehouseCode == warehouse));

    private protected Task<List<OutboxMessage>> OutboxAsync() => ReadAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());

    /// <summary>
    /// What a write refused with user errors must have left: nothing under its reference or key, in any table a
    /// write touches (the ledger, reservations, idempotency keys, the outbox, whose payloads carry the reference).
    /// </summary>
    private protected async Task AssertNothingWrittenAsync(string reference, string key)
    {
        var (movements, reservations, keys, outbox) = await ReadAsync(async db => (
            await db.Movements.CountAsync(m => m.Reference == reference || m.IdempotencyKey == key),
            await db.Reservations.CountAsync(r => r.Reference == reference || r.IdempotencyKey == key),
            await db.IdempotencyRecords.CountAsync(k => k.Key == key),
            (await db.OutboxMessages.AsNoTracking().Select(m => m.Payload).ToListAsync()).Count(p => p.Contains($"\"{reference}\"", StringComparison.Ordinal))));
        Assert.True((movements, reservations, keys, outbox) == (0, 0, 0, 0),
            $"the refused write {reference} left {movements} ledger entries, {reservations} reservations, {keys} keys and {outbox} outbox messages");
    }

    private protected static string[] Codes<T>(WriteResult<T> result) where T : class => [.. result.Errors.Select(e => e.Code)];
}
