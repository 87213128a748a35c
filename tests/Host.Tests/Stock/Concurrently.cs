namespace Inventory.Host.Tests.Stock;

internal static class Concurrently
{
    /// <summary>
    /// Runs <paramref name="work"/> for items 0..count-1 on <paramref name="workers"/> concurrent workers that
    /// start together; each worker takes the next item when it is done with one. Work gets (worker, item).
    /// </summary>
    public static async Task<T[]> RunAsync<T>(int count, int workers, Func<int, int, Task<T>> work)
    {
        var results = new T[count];
        var next = -1;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            await start.Task;
            int item;
            while ((item = Interlocked.Increment(ref next)) < count)
                results[item] = await work(worker, item);
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(tasks);
        return results;
    }
}
