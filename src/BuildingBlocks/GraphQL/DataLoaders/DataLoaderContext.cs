using System.Collections.Concurrent;

namespace Inventory.BuildingBlocks.GraphQL.DataLoaders;

/// <summary>The request's loaders, by name: scoped, so batches and remembered values never cross requests (or tenants).</summary>
public sealed class DataLoaderContext
{
    private readonly ConcurrentDictionary<string, object> _loaders = new(StringComparer.Ordinal);

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(name, _ => new BatchLoader<TKey, TValue>(fetch, comparer));
}
