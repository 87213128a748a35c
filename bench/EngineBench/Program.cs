using System.Diagnostics;
using Inventory.Stock.Features.ReserveStock;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Usage (after `source scripts/services.sh && start_services`): bash bench/engine.sh [seconds] [clients] [max-batch-size]
var seconds = args.Length > 0 ? int.Parse(args[0]) : 10;
var clients = args.Length > 1 ? int.Parse(args[1]) : 32;
var maxBatch = args.Length > 2 ? args[2] : "128";
const string Tenant = "demo";
const int Skus = 1000;
var prefix = $"bench_engine_{Environment.ProcessId}";

// Outside a test project WebApplicationFactory is told where the host's content root is (engine.sh runs from it).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INVENTORY_HOST", Directory.GetCurrentDirectory());

void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

await using var app = new InventoryApp(new AppOptions
{
    DatabasePrefix = prefix,
    Tenants = [Tenant],
    Settings = { ["Stock:Writes:MaxBatchSize"] = maxBatch, ["Logging:LogLevel:Default"] = "Error" },
});
await app.InitializeAsync();
var rows = new List<string>();
var scratch = $"{prefix}_scratch";
try
{
    Log("creating products and stock");
    var skus = Enumerable.Range(1, Skus).Select(i => $"ENG-{i:0000}").Append("ENG-HOT").Append("ENG-LAST").ToArray();
    foreach (var chunk in skus.Chunk(100))
        await app.ProductsAsync(Tenant, chunk);
    var admin = app.GraphQL(Tenant, "Admin");
    foreach (var (sku, quantity) in skus.Select(s => (s, s == "ENG-HOT" ? 100_000_000 : s == "ENG-LAST" ? 5_000 : 1_000_000)))
        await admin.QueryAsync("mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { userErrors { code } } }",
            new { input = new { sku, warehouseCode = "MAIN", quantity }, key = $"bench-receipt-{sku}" });

    // The baseline: the guarded UPDATE of one reservation alone, autocommitted, on a table shaped as stock_levels.
    await using (var server = new NpgsqlConnection(TestServices.PostgresConnectionString))
    {
        await server.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE); ", server).ExecuteNonQueryAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{scratch}\"", server).ExecuteNonQueryAsync();
    }
    var scratchConnection = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = scratch, MaxPoolSize = clients + 4 }.ConnectionString;
    await using (var setup = new NpgsqlConnection(scratchConnection))
    {
        await setup.OpenAsync();
        await new NpgsqlCommand("""
            CREATE TABLE levels (id int PRIMARY KEY, on_hand int NOT NULL, reserved int NOT NULL, committed int NOT NULL DEFAULT 0,
              damaged int NOT NULL DEFAULT 0, safety_stock int NOT NULL DEFAULT 0, version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now(),
              CHECK (on_hand - reserved - committed - damaged >= 0));
            INSERT INTO levels (id, on_hand, reserved) SELECT i, 100000000, 0 FROM generate_series(0, 1000) i;
            """, setup).ExecuteNonQueryAsync();
        await new NpgsqlCommand("VACUUM ANALYZE levels", setup).ExecuteNonQueryAsync();
    }

    var dataSource = NpgsqlDataSource.Create(scratchConnection);
    async Task<long> GuardedUpdate(Func<int> row)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var update = new NpgsqlCommand(
            "UPDATE levels SET reserved = reserved + 1, version = version + 1, updated_at = now() WHERE id = $1 AND on_hand - reserved - committed - damaged - safety_stock >= 1",
            connection);
        update.Parameters.Add(new NpgsqlParameter<int>());
        await update.PrepareAsync();
        long done = 0;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
        while (Stopwatch.GetTimestamp() < until)
        {
            ((NpgsqlParameter<int>)update.Parameters[0]).TypedValue = row();
            done += await update.ExecuteNonQueryAsync();
        }
        return done;
    }

    async Task<(long Reserved, long Refused)> Reserve(Func<string> sku, int callers)
    {
        long reserved = 0, refused = 0;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                // A scope per write, as a request has.
                await using var scope = app.TenantScope(Tenant);
                var handler = scope.ServiceProvider.GetRequiredService<ReserveStockHandler>();
                var result = await handler.ReserveAsync(new ReserveStockInput { Lines = [new ReserveLineInput { Sku = sku(), WarehouseCode = "MAIN", Quantity = 1 }], TtlSeconds = 900 },
                    Guid.NewGuid().ToString("N"), "bench", CancellationToken.None);
                if (result.Errors.Count == 0)
                    Interlocked.Increment(ref reserved);
                else if (result.Errors.All(e => e.Code == "INSUFFICIENT_STOCK"))
                    Interlocked.Increment(ref refused);
                else
                    throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
            }
        })));
        return (reserved, refused);
    }

    async Task<double> Baseline(string name, Func<int> row)
    {
        Log($"baseline: {name}");
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => GuardedUpdate(row))));
        var perSecond = counts.Sum() / (double)seconds;
        rows.Add($"| guarded UPDATE, {name} (baseline) | {clients} connections | {perSecond:F0} | 1.00 | |");
        return perSecond;
    }

    async Task Engine(string name, Func<string> sku, int callers, double baseline)
    {
        Log($"engine: {name}, {callers} callers");
        var (reserved, refused) = await Reserve(sku, callers);
        var perSecond = reserved / (double)seconds;
        rows.Add($"| engine: reserveStock, {name} | {callers} callers | {perSecond:F0} | {perSecond / baseline:F2} | {refused} INSUFFICIENT_STOCK |");
    }

    Log("warm-up");
    await Reserve(() => $"ENG-{Random.Shared.Next(1, Skus + 1):0000}", clients);
    var uniform = await Baseline("1,000 rows", () => Random.Shared.Next(1, Skus + 1));
    await Engine("1,000 SKUs", () => $"ENG-{Random.Shared.Next(1, Skus + 1):0000}", clients, uniform);
    var hot = await Baseline("one row", () => 0);
    await Engine("one hot SKU", () => "ENG-HOT", clients, hot);
    await Engine("one hot SKU", () => "ENG-HOT", clients * 8, hot);
    await Engine("one SKU selling out (5,000 units)", () => "ENG-LAST", clients * 8, hot);

    // Nothing oversold, and the sold-out SKU reserved exactly what it had.
    await using var check = new NpgsqlConnection(app.ConnectionStringFor(Tenant));
    await check.OpenAsync();
    var oversold = (long)(await new NpgsqlCommand("SELECT count(*) FROM stock.stock_levels WHERE on_hand - reserved - committed - damaged < 0", check).ExecuteScalarAsync())!;
    var last = (int)(await new NpgsqlCommand("SELECT reserved FROM stock.stock_levels WHERE sku_key = 'ENG-LAST'", check).ExecuteScalarAsync())!;
    var offLedger = (long)(await new NpgsqlCommand("""
        SELECT count(*) FROM stock.stock_levels l
        WHERE l.reserved <> (SELECT coalesce(sum(m.reserved_delta), 0) FROM stock.stock_movements m WHERE m.level_id = l.id)
        """, check).ExecuteScalarAsync())!;

    Console.WriteLine($"{clients} clients, {seconds} s each, Stock:Writes:MaxBatchSize {maxBatch}, {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine();
    Console.WriteLine("| scenario | clients | per second | ratio to its baseline | answers |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var row in rows)
        Console.WriteLine(row);
    Console.WriteLine();
    Console.WriteLine($"Checks: {oversold} levels oversold; {offLedger} levels off their ledger; ENG-LAST reserved {last} of 5000.");
    if (oversold != 0 || offLedger != 0 || last != 5000)
        Environment.ExitCode = 1;
}
finally
{
    await app.DropDatabasesAsync();
    await using var server = new NpgsqlConnection(TestServices.PostgresConnectionString);
    await server.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", server).ExecuteNonQueryAsync();
}
