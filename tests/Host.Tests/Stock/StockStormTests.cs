using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using Xunit.Abstractions;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// Every kind of stock write at once, from many clients acting on each other's reservations and transfers, on few
/// levels, while the expiry job runs and
/// reconciliations look on: the only answers are results and expected user errors, every reconciliation on
/// the way sees the levels agree with the ledger, and afterwards the books balance (the <see cref="StockTest"/> checks).
/// </summary>
public sealed class StockStormTests(HostFixture fixture, ITestOutputHelper output) : StockTest(fixture)
{
    private static readonly string[] Skus = ["STORM-0", "STORM-1", "STORM-2", "STORM-3"];
    private static readonly string[] Warehouses = ["MAIN", "WH2"];

    /// <summary>User errors a write may meet when others change the same stock; anything else is a bug.</summary>
    private static readonly HashSet<string> Expected = ["INSUFFICIENT_STOCK", "STALE", "INVALID_STATUS", "RESERVATION_EXPIRED", "CONFLICT"];

    private readonly ConcurrentDictionary<string, int> _succeeded = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    /// <summary>Released every few answers: a reconciliation runs while writes keep landing, without spinning.</summary>
    private readonly SemaphoreSlim _progress = new(0);
    private int _answers;

    /// <summary>Reservations and transfers made so far, by any worker: the workers act on each other's.</summary>
    private readonly List<string> _reservations = [];
    private readonly List<string> _transfers = [];

    /// <summary>The last status an answer showed for each reservation and transfer: workers mostly try what it allows.</summary>
    private readonly ConcurrentDictionary<string, string> _status = new();

    [Fact]
    public async Task MixedStorm_OfEveryWrite_LeavesTheLevelsEqualToTheLedger()
    {
        await App.ProductsAsync(Tenant, Skus);
        await App.WarehouseAsync(Tenant, "WH2");
        foreach (var sku in Skus)
        {
            await App.ReceiveAsync(Tenant, sku, 60);
            await App.ReceiveAsync(Tenant, sku, 20, "WH2");
        }

        var stormOver = new CancellationTokenSource();
        var reconciliations = Task.Run(() => ReconcileUntilAsync(stormOver.Token));
        try
        {
            await Concurrently.RunAsync(10, 10, (worker, _) => WorkerAsync(worker));
        }
        finally
        {
            await stormOver.CancelAsync();
        }
        var checkedRuns = await reconciliations;

        output.WriteLine($"Succeeded: {string.Join(", ", _succeeded.OrderBy(k => k.Key))}; {_answers} answers; {checkedRuns} reconciliations during the storm");
        Assert.True(_unexpected.IsEmpty, string.Join("\n", _unexpected.Take(10)));
        Assert.True(checkedRuns > 0, "no reconciliation ran during the storm");
        foreach (var kind in new[] { "receiveStock", "adjustStock", "setStock", "moveStock", "reserveStock", "releaseReservation", "commitReservation",
                     "fulfilReservation", "createTransfer", "shipTransfer", "receiveTransfer", "cancelTransfer" })
            Assert.True(_succeeded.GetValueOrDefault(kind) > 0, $"no {kind} succeeded: the storm did not exercise it ({string.Join(", ", _succeeded)})");
    }

    private async Task<bool> WorkerAsync(int worker)
    {
        var random = new Random(1000 + worker);
        var client = App.GraphQL(Tenant, "Clerk");
        for (var step = 0; step < 24; step++)
        {
            var sku = Skus[random.Next(Skus.Length)];
            var warehouse = Warehouses[random.Next(Warehouses.Length)];
            var key = $"storm-{worker}-{step}";
            switch (random.Next(12))
            {
                case 0:
                    await SendAsync(client, "receiveStock", Receive, new { input = new { sku, warehouseCode = warehouse, quantity = random.Next(1, 6) }, key });
                    break;
                case 1:
                    var correction = random.Next(2) == 0;
                    var delta = correction ? random.Next(1, 6) * (random.Next(2) == 0 ? 1 : -1) : -random.Next(1, 4);
                    await SendAsync(client, "adjustStock", Adjust, new { input = new { sku, warehouseCode = warehouse, delta, reason = correction ? "CORRECTION" : "SHRINKAGE" }, key });
                    break;
                case 2:
                    var damage = random.Next(2) == 0;
                    await SendAsync(client, "moveStock", Move, new
                    {
                        input = new { sku, warehouseCode = warehouse, quantity = random.Next(1, 3), from = damage ? "AVAILABLE" : "DAMAGED", to = damage ? "DAMAGED" : "AVAILABLE" },
                        key,
                    });
                    break;
                case 3:
                    var counted = (await App.LevelAsync(Tenant, sku, warehouse)).Int("onHand");
                    await SendAsync(client, "setStock", Set, new { input = new { sku, warehouseCode = warehouse, onHand = Math.Max(0, counted + random.Next(-3, 4)), changeFromQuantity = counted }, key });
                    break;
                case 4 or 5:
                    var lines = Skus.SelectMany(s => Warehouses.Select(w => (s, w))).OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                        .Select(l => new { sku = l.s, warehouseCode = l.w, quantity = random.Next(1, 4) }).ToArray();
                    // Some live a second only, so the expiry job takes part.
                    var reserved = await SendAsync(client, "reserveStock", Reserve, new { input = new { lines, ttlSeconds = random.Next(3) == 0 ? 1 : 600 }, key });
                    if (Ok(reserved, "reservation") is { } reservation)
                        Add(_reservations, reservation.Str("id"));
                    break;
                case 6 or 7 or 8 when Pick(_reservations, random, "HELD", "COMMITTED") is { } id:
                    var field = (_status.GetValueOrDefault(id), random.Next(10)) switch
                    {
                        ("HELD", < 5) or (_, 9) => "commitReservation",
                        ("COMMITTED", < 7) or (_, 8) => "fulfilReservation",
                        _ => "releaseReservation",
                    };
                    Ok(await SendAsync(client, field, Transition(field), new { id, key }), "reservation");
                    break;
                case 9:
                    var from = Warehouses[random.Next(2)];
                    var transferLines = Skus.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(s => new { sku = s, quantity = random.Next(1, 6) }).ToArray();
                    var created = await SendAsync(client, "createTransfer", CreateTransfer,
                        new { input = new { fromWarehouseCode = from, toWarehouseCode = from == "MAIN" ? "WH2" : "MAIN", lines = transferLines }, key });
                    if (Ok(created, "transfer") is { } transfer)
                    {
                        Add(_transfers, transfer.Str("id"));
                        Ok(await SendAsync(client, "shipTransfer", TransferTransition("shipTransfer"), new { id = transfer.Str("id"), key = key + "-ship" }), "transfer");
                    }
                    break;
                case 10 or 11 when Pick(_transfers, random, "DRAFT", "IN_TRANSIT") is { } transferId:
                    var transition = (_status.GetValueOrDefault(transferId), random.Next(10)) switch
                    {
                        ("DRAFT", < 5) => "shipTransfer",
                        ("IN_TRANSIT", < 5) or (_, 9) => "receiveTransfer",
                        _ => "cancelTransfer",
                    };
                    Ok(await SendAsync(client, transition, TransferTransition(transition), new { id = transferId, key }), "transfer");
                    break;
                default:
                    await SendAsync(client, "receiveStock", Receive, new { input = new { sku, warehouseCode = warehouse, quantity = 1 }, key });
                    break;
            }
        }
        return true;
    }

    /// <summary>The reservation or transfer of a successful answer, its status noted.</summary>
    private JsonNode? Ok(JsonNode? payload, string field)
    {
        if (payload?[field] is not { } node)
            return null;
        _status[node.Str("id")] = node.Str("status");
        return node;
    }

    private static void Add(List<string> ids, string id)
    {
        lock (ids)
            ids.Add(id);
    }

    /// <summary>Mostly one last seen in an <paramref name="open"/> status (so transitions mostly can apply), sometimes any.</summary>
    private string? Pick(List<string> ids, Random random, params string[] open)
    {
        lock (ids)
        {
            var candidates = ids.Where(id => open.Contains(_status.GetValueOrDefault(id))).ToList();
            var from = candidates.Count > 0 && random.Next(5) > 0 ? candidates : ids;
            return from.Count == 0 ? null : from[random.Next(from.Count)];
        }
    }

    private async Task<JsonNode?> SendAsync(GraphQLClient client, string field, string query, object variables)
    {
        var response = await client.SendAsync(query, variables);
        if (response.Status != 200 || response.HasErrors || response.Data?[field] is not { } payload)
        {
            _unexpected.Enqueue($"{field}: HTTP {response.Status} {response.Body?.ToJsonString()}");
            return null;
        }
        if (Interlocked.Increment(ref _answers) % 15 == 0)
            _progress.Release();
        var codes = Codes(payload);
        if (codes.Length == 0)
            _succeeded.AddOrUpdate(field, 1, (_, n) => n + 1);
        else if (codes.Length != 1 || !Expected.Contains(codes[0]))
            _unexpected.Enqueue($"{field}: {payload.ToJsonString()}");
        return payload;
    }

    private async Task<int> ReconcileUntilAsync(CancellationToken stop)
    {
        var admin = App.GraphQL(Tenant, "Admin");
        var runs = 0;
        while (true)
        {
            try
            {
                await _progress.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return runs;
            }
            var result = (await admin.QueryAsync("mutation { reconcileStock { levelsChecked drifts { sku warehouseCode quantity recorded ledger } } }"))["reconcileStock"]!;
            if (result["drifts"]!.AsArray().Count > 0)
                _unexpected.Enqueue($"reconcileStock during the storm: {result.ToJsonString()}");
            runs++;
        }
    }
}
