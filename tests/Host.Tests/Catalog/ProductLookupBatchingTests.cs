using System.Data.Common;
using Inventory.TestKit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Catalog;

/// <summary>Counts the SQL commands the module DbContexts send (every IInterceptor in DI joins them).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => _count;
    public System.Collections.Concurrent.ConcurrentBag<string> Commands { get; } = [];
    public void Reset() { Interlocked.Exchange(ref _count, 0); Commands.Clear(); }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM catalog.products", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
            Commands.Add(command.CommandText);
        }
        return ValueTask.FromResult(result);
    }
}

public sealed class BatchingHostFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "host_batching_tests",
    Services = services =>
    {
        services.AddSingleton<CommandCounter>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CommandCounter>());
    },
});

public sealed class ProductLookupBatchingTests(BatchingHostFixture fixture) : IClassFixture<BatchingHostFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ManyProductLookupsInOneQuery_AreServedByOneSelectPerKind()
    {
        var client = fixture.App.GraphQL();
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var created = await client.QueryAsync($$"""mutation { createProduct(input: { sku: "B-{{i}}", name: "Batch {{i}}" }) { product { id } } }""");
            ids.Add(created["createProduct"]!["product"]!["id"]!.GetValue<string>());
        }
        var counter = fixture.App.Services.GetRequiredService<CommandCounter>();

        var bySku = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"s{i}: product(sku: \"b-{i}\") {{ sku }}"));
        var byId = string.Join(' ', ids.Select((id, i) => $"i{i}: product(id: \"{id}\") {{ sku }}"));
        counter.Reset();
        var data = await client.QueryAsync($"{{ {bySku} {byId} missing: product(sku: \"NOPE\") {{ sku }} }}");

        Assert.True(counter.Count == 2, string.Join("\n---\n", counter.Commands)); // one SELECT by SKU, one by id
        Assert.Equal("B-7", data["s7"]!["sku"]!.GetValue<string>());
        Assert.Equal("B-3", data["i3"]!["sku"]!.GetValue<string>());
        Assert.Null(data["missing"]);
    }
}
