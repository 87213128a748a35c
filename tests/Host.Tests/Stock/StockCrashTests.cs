using System.Net;
using System.Net.Sockets;
using Inventory.TestKit;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// A host killed after it committed a batch of writes and before its clients had their answers: the clients'
/// retries with the same keys, on the next host, get the committed results, and nothing is applied twice.
/// </summary>
[Collection(Messaging.RabbitMqCollection.Name)]
public sealed class StockCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "crashed";
    private readonly HostProcesses _hosts = new("stock_crash", [Tenant], output);

    public Task InitializeAsync() => _hosts.DropDatabasesAsync();

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_hosts.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task HostKilledBetweenCommitAndAnswer_RetriesWithTheSameKeys_GetTheCommittedResults_AppliedOnce()
    {
        var (first, process) = await _hosts.StartAsync("first");
        foreach (var sku in new[] { "CRASH-A", "CRASH-B" })
        {
            await HostProcesses.ProductAsync(first, Tenant, sku);
            var received = await HostProcesses.Client(first, Tenant, "Clerk").MutateAsync("receiveStock", StockApi.Receive,
                new { input = new { sku, warehouseCode = "MAIN", quantity = 100 }, key = $"crash-receipt-{sku}" });
            Assert.True(StockApi.Ok(received));
        }

        // Twelve writes sent at once through a proxy that passes the requests on and never passes an answer back:
        // from the clients' side the host dies before answering whatever it committed.
        await using var proxy = new AnswerSwallowingProxy(first);
        var requests = Enumerable.Range(0, 12).Select(i => (
            Key: $"crash-{i}",
            Input: i % 3 == 0 ? StockApi.ReserveInput(("CRASH-A", 2), ("CRASH-B", 3)) : StockApi.ReserveInput((i % 2 == 0 ? "CRASH-A" : "CRASH-B", 1)))).ToArray();
        var blind = HostProcesses.Client(proxy.Address, Tenant, "Clerk");
        var lost = requests.Select(r => blind.SendAsync(StockApi.Reserve, new { input = r.Input, key = r.Key })).ToArray();

        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM stock.reservations WHERE idempotency_key LIKE 'crash-%'") == requests.Length,
            what: "every write to be committed");
        await HostProcesses.KillAsync(process);
        proxy.Dispose();
        foreach (var request in lost)
            await Assert.ThrowsAnyAsync<Exception>(() => request); // no client had an answer
        var reservedBefore = await ScalarAsync("SELECT sum(reserved) FROM stock.stock_levels");
        var movementsBefore = await ScalarAsync("SELECT count(*) FROM stock.stock_movements");

        // The clients retry on the next host, as they would after a lost connection: each gets what was committed.
        var (second, _) = await _hosts.StartAsync("second");
        var clerk = HostProcesses.Client(second, Tenant, "Clerk");
        var answers = await Task.WhenAll(requests.Select(r => clerk.MutateAsync("reserveStock", StockApi.Reserve, new { input = r.Input, key = r.Key })));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(StockApi.Ok(answers[i]), answers[i].ToJsonString());
            Assert.True(answers[i]["replayed"]!.GetValue<bool>(), $"{requests[i].Key} was answered as a new write");
            var id = Guid.Parse(answers[i]["reservation"]!.Str("id"));
            Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock.reservations WHERE id = @id AND idempotency_key = @key", ("id", id), ("key", requests[i].Key)));
        }

        Assert.Equal(requests.Length, await ScalarAsync("SELECT count(*) FROM stock.reservations"));
        Assert.Equal(reservedBefore, await ScalarAsync("SELECT sum(reserved) FROM stock.stock_levels"));
        Assert.Equal(movementsBefore, await ScalarAsync("SELECT count(*) FROM stock.stock_movements"));
        // 4 two-line reservations (2 of A, 3 of B) and 8 one-line ones of 1, half on each SKU.
        Assert.Equal(4 * 2 + 4, await ScalarAsync("SELECT reserved FROM stock.stock_levels WHERE sku_key = 'CRASH-A'"));
        Assert.Equal(4 * 3 + 4, await ScalarAsync("SELECT reserved FROM stock.stock_levels WHERE sku_key = 'CRASH-B'"));
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM stock.stock_levels l
            WHERE l.reserved <> (SELECT coalesce(sum(m.reserved_delta), 0) FROM stock.stock_movements m WHERE m.level_id = l.id)
               OR l.on_hand <> (SELECT coalesce(sum(m.on_hand_delta), 0) FROM stock.stock_movements m WHERE m.level_id = l.id)
            """));

        // The same key with another request is still refused, on the new host too.
        var reused = await clerk.MutateAsync("reserveStock", StockApi.Reserve, new { input = StockApi.ReserveInput(("CRASH-A", 7)), key = "crash-1" });
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], StockApi.Codes(reused));
    }

    /// <summary>Forwards each client connection's bytes to the host and discards everything the host sends back.</summary>
    private sealed class AnswerSwallowingProxy : IAsyncDisposable, IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Uri _target;
        private readonly List<TcpClient> _connections = [];
        private readonly CancellationTokenSource _stop = new();

        public AnswerSwallowingProxy(Uri target)
        {
            _target = target;
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var upstream = new TcpClient();
                    await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                    lock (_connections)
                        _connections.AddRange([client, upstream]);
                    _ = client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token).ContinueWith(_ => { });
                    _ = upstream.GetStream().CopyToAsync(Stream.Null, _stop.Token).ContinueWith(_ => { });
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        }

        public void Dispose()
        {
            if (_stop.IsCancellationRequested)
                return;
            _stop.Cancel();
            _listener.Stop();
            lock (_connections)
                foreach (var connection in _connections)
                    connection.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
