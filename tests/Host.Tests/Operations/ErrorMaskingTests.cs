using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Operations;

/// <summary>
/// A tenant database broken on purpose (a trigger that raises an error naming a table and a constraint, a column
/// renamed under the model's feet): every answer, over HTTP and WebSocket, is INTERNAL_ERROR with a correlation id,
/// naming no table, column, constraint, schema, database, exception type or stack; the log has the full exception
/// under the same correlation id.
/// </summary>
public sealed class ErrorMaskingTests(BrokenTenantFixture fixture) : IClassFixture<BrokenTenantFixture>
{
    private const string Tenant = BrokenTenantFixture.Tenant;
    private readonly InventoryApp _app = fixture.App;
    private readonly LogCapture _log = fixture.Log;

    public static TheoryData<string, string> Broken => new()
    {
        { "createProduct", """mutation { createProduct(input: { sku: "NEW-1", name: "New" }) { product { id } userErrors { code } } }""" },
        { "updateProduct", """mutation { updateProduct(input: { sku: "KEEP-1", name: "Renamed" }) { product { id } userErrors { code } } }""" },
        { "createWarehouse", """mutation { createWarehouse(input: { code: "W2", name: "Second" }) { warehouse { code } userErrors { code } } }""" },
        { "warehouses", """{ warehouses { nodes { code name } } }""" },
        { "aliased", """{ a: warehouses { totalCount } b: warehouses { nodes { code } } }""" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task ADatabaseError_AnswersInternalErrorWithACorrelationId_AndNothingOfTheDatabase(string name, string query)
    {
        var response = await _app.GraphQL(Tenant).SendAsync(query, accept: "application/json");

        var text = response.Body!.ToJsonString();
        Assert.True(response.Status == 200, $"{name}: {response.Status} {text}");
        AssertRevealsNothing(text);
        var errors = response.Errors!;
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            Assert.Equal("INTERNAL_ERROR", error!["extensions"]!["code"]!.GetValue<string>());
            var correlationId = error["extensions"]!["correlationId"]!.GetValue<string>();
            Assert.Matches("^[0-9a-f]{32}$", correlationId);
            Assert.Contains(correlationId, error["message"]!.GetValue<string>());
            // The log has the correlation id with the whole exception (the database's own words included).
            Assert.Contains(_log.Entries, e => e.Contains(correlationId) && (e.Contains("products_secret_ck") || e.Contains("secret_renamed_column") || e.Contains("does not exist")));
        }
    }

    [Fact]
    public async Task ADatabaseError_OverWebSocket_IsMaskedTheSameWay()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(_app, Tenant);

        await socket.SubscribeAsync("q1", """{ warehouses { nodes { code name } } }""");
        var message = await socket.ReceiveForAsync("q1");
        await socket.SubscribeAsync("m1", """mutation { createProduct(input: { sku: "WS-1", name: "Socket" }) { product { id } } }""");
        var mutation = await socket.ReceiveForAsync("m1");

        foreach (var answer in new[] { message, mutation })
        {
            var text = answer.ToJsonString();
            AssertRevealsNothing(text);
            Assert.Contains("INTERNAL_ERROR", text);
            var correlationId = ErrorsOf(answer).First()!["extensions"]!["correlationId"]!.GetValue<string>();
            Assert.Contains(_log.Entries, e => e.Contains(correlationId));
        }
    }

    private static JsonArray ErrorsOf(JsonNode message) =>
        message["payload"] as JsonArray ?? message["payload"]!["errors"]!.AsArray();

    private void AssertRevealsNothing(string text)
    {
        string[] secrets =
        [
            "products_secret_ck", "secret_ledger", "secret_renamed_column", "secret_guard", "catalog.", "stock.",
            "42703", "23514", "P0001", _app.DatabaseName(Tenant), "error_masking", "Npgsql", "Postgres", "Exception", "DB_UPDATE", "POSTGRES",
            "INVALID_OPERATION", "Error trying to resolve", " at Inventory.", "   at ", "EntityFramework", "column \\\"", "constraint", "does not exist", "trigger",
        ];
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>One host whose only tenant's database is broken once, for all the tests above.</summary>
public sealed class BrokenTenantFixture : IAsyncLifetime
{
    public const string Tenant = "broken";

    public LogCapture Log { get; } = new();
    public InventoryApp App { get; }

    public BrokenTenantFixture()
    {
        App = new InventoryApp(new AppOptions
        {
            DatabasePrefix = "error_masking",
            Tenants = [Tenant],
            Services = services => services.AddSingleton<ILoggerProvider>(Log),
        });
    }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        // A product to update, before the catalog is broken.
        var created = await App.GraphQL(Tenant).QueryAsync("""mutation { createProduct(input: { sku: "KEEP-1", name: "Kept" }) { product { id } userErrors { code } } }""");
        Assert.Empty(created["createProduct"]!["userErrors"]!.AsArray());

        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE FUNCTION catalog.secret_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'row of catalog.products refused by constraint products_secret_ck in table secret_ledger'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'products_secret_ck', TABLE = 'products', SCHEMA = 'catalog';
            END $$;
            CREATE TRIGGER secret_guard BEFORE INSERT OR UPDATE ON catalog.products FOR EACH ROW EXECUTE FUNCTION catalog.secret_guard();
            ALTER TABLE stock.warehouses RENAME COLUMN name TO secret_renamed_column;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The host's error log lines with their exceptions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                capture.Entries.Enqueue(formatter(state, exception) + "\n" + exception);
        }
    }
}
