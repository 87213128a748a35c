using GraphQL.DataLoader;

namespace Inventory.BuildingBlocks.GraphQL.DataLoaders;

/// <summary>
/// A small DataLoader (GraphQL.DataLoader is not available here): keys asked for while a level of the query
/// resolves are collected into one batch, fetched with one call when the executor first awaits a result,
/// and remembered for the rest of the request.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch = fetch;
    private readonly IEqualityComparer<TKey> _comparer = comparer ?? EqualityComparer<TKey>.Default;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Batch> _batchOfKey = new(comparer ?? EqualityComparer<TKey>.Default);
    private Batch? _open;

    public int BatchesFetched { get; private set; }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOfKey.TryGetValue(key, out var batch))
            {
                batch = _open ??= new Batch(this);
                batch.Keys.Add(key);
                _batchOfKey[key] = batch;
            }
            return new Result(batch, key);
        }
    }

    private sealed class Batch(BatchLoader<TKey, TValue> owner)
    {
        public List<TKey> Keys { get; } = [];
        private Task<IReadOnlyDictionary<TKey, TValue>>? _fetched;

        public Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(CancellationToken cancellationToken)
        {
            lock (owner._gate)
            {
                if (_fetched is null)
                {
                    if (owner._open == this)
                        owner._open = null; // later keys start a new batch
                    owner.BatchesFetched++;
                    _fetched = FetchWithLoaderComparerAsync([.. Keys], cancellationToken);
                }
                return _fetched;
            }
        }

        // Answers are looked up with the loader's comparer, whatever comparer the fetch's dictionary uses.
        private async Task<IReadOnlyDictionary<TKey, TValue>> FetchWithLoaderComparerAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
        {
            var fetched = await owner._fetch(keys, cancellationToken);
            var byLoaderKey = new Dictionary<TKey, TValue>(owner._comparer);
            foreach (var (key, value) in fetched)
                byLoaderKey.TryAdd(key, value);
            return byLoaderKey;
        }
    }

    private sealed class Result(Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await batch.FetchAsync(cancellationToken);
            return values.TryGetValue(key, out var value) ? value : default;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
