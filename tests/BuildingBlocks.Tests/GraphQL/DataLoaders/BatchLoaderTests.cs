using Inventory.BuildingBlocks.GraphQL.DataLoaders;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.DataLoaders;

public sealed class BatchLoaderTests
{
    /// <summary>A fetch that answers "value-of-{key}" for every key except those listed as missing, and records each call.</summary>
    private sealed class RecordingFetch(params string[] missing)
    {
        public List<string[]> Calls { get; } = [];

        public async Task<IReadOnlyDictionary<string, string>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            lock (Calls)
                Calls.Add([.. keys]);
            await Task.Yield();
            return keys.Where(k => !missing.Contains(k)).ToDictionary(k => k, k => $"value-of-{k}");
        }
    }

    [Fact]
    public async Task Load_WhenKeysAreAskedBeforeTheFirstAwait_FetchesThemInOneCall()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);

        var a = loader.Load("a");
        var b = loader.Load("b");
        var c = loader.Load("c");
        var values = await Task.WhenAll(a.GetResultAsync(), b.GetResultAsync(), c.GetResultAsync());

        Assert.Equal(new string?[] { "value-of-a", "value-of-b", "value-of-c" }, values);
        var call = Assert.Single(fetch.Calls);
        Assert.Equal(["a", "b", "c"], call);
        Assert.Equal(1, loader.BatchesFetched);
    }

    [Fact]
    public async Task Load_WhenAKeyIsAskedTwice_FetchesItOnce()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);

        var first = loader.Load("a");
        var second = loader.Load("a");

        Assert.Equal("value-of-a", await first.GetResultAsync());
        Assert.Equal("value-of-a", await second.GetResultAsync());
        Assert.Equal(["a"], Assert.Single(fetch.Calls));
    }

    [Fact]
    public async Task Load_WhenAKeyWasFetchedInAnEarlierBatch_RemembersItWithoutFetchingAgain()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);
        await loader.Load("a").GetResultAsync();

        var again = await loader.Load("a").GetResultAsync();

        Assert.Equal("value-of-a", again);
        Assert.Single(fetch.Calls);
    }

    [Fact]
    public async Task Load_AfterABatchWasFetched_PutsNewKeysInANewBatch()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);
        await loader.Load("a").GetResultAsync();

        var b = loader.Load("b");
        var c = loader.Load("c");
        await Task.WhenAll(b.GetResultAsync(), c.GetResultAsync());

        Assert.Equal(2, fetch.Calls.Count);
        Assert.Equal(["a"], fetch.Calls[0]);
        Assert.Equal(["b", "c"], fetch.Calls[1]);
        Assert.Equal(2, loader.BatchesFetched);
    }

    [Fact]
    public async Task Load_WhenAKeyIsAskedWhileItsBatchIsBeingFetched_JoinsThatFetch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var loader = new BatchLoader<string, string>(async (keys, _) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            return keys.ToDictionary(k => k, k => k.ToUpperInvariant());
        });
        var first = loader.Load("a").GetResultAsync();

        var second = loader.Load("a").GetResultAsync();
        release.SetResult();

        Assert.Equal("A", await first);
        Assert.Equal("A", await second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GetResultAsync_WhenTheFetchDoesNotReturnTheKey_ReturnsNull()
    {
        var fetch = new RecordingFetch(missing: "ghost");
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);

        var found = loader.Load("a");
        var missing = loader.Load("ghost");

        Assert.Equal("value-of-a", await found.GetResultAsync());
        Assert.Null(await missing.GetResultAsync());
    }

    [Fact]
    public async Task GetResultAsync_WhenTheFetchDoesNotReturnAValueTypeKey_ReturnsDefault()
    {
        var loader = new BatchLoader<int, int>((keys, _) =>
            Task.FromResult<IReadOnlyDictionary<int, int>>(keys.Where(k => k != 2).ToDictionary(k => k, k => k * 10)));

        var one = loader.Load(1);
        var two = loader.Load(2);

        Assert.Equal(10, await one.GetResultAsync());
        Assert.Equal(0, await two.GetResultAsync());
    }

    [Fact]
    public async Task GetResultAsync_WhenTheFetchFails_SurfacesTheExceptionToEveryKeyOfTheBatch()
    {
        var loader = new BatchLoader<string, string>(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("database down");
        });

        var a = loader.Load("a");
        var b = loader.Load("b");

        var errorA = await Assert.ThrowsAsync<InvalidOperationException>(() => a.GetResultAsync());
        var errorB = await Assert.ThrowsAsync<InvalidOperationException>(() => b.GetResultAsync());
        Assert.Equal("database down", errorA.Message);
        Assert.Same(errorA, errorB);
        Assert.Equal(1, loader.BatchesFetched);
    }

    [Fact]
    public async Task GetResultAsync_ThroughTheUntypedInterface_ReturnsTheSameValue()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync);
        global::GraphQL.DataLoader.IDataLoaderResult untyped = loader.Load("a");

        Assert.Equal("value-of-a", await untyped.GetResultAsync());
    }

    [Fact]
    public async Task Load_WithAComparer_TreatsKeysItCallsEqualAsOneKey()
    {
        var fetch = new RecordingFetch();
        var loader = new BatchLoader<string, string>(fetch.FetchAsync, StringComparer.OrdinalIgnoreCase);

        var lower = loader.Load("sku-1");
        var upper = loader.Load("SKU-1");

        Assert.Equal("value-of-sku-1", await lower.GetResultAsync());
        Assert.Equal("value-of-sku-1", await upper.GetResultAsync());
        Assert.Equal(["sku-1"], Assert.Single(fetch.Calls));
    }
}
