using GraphQL;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.BuildingBlocks.Realtime;

/// <summary>What a module's subscription field returns: <c>.ResolveStream(ctx => ctx.LiveEvents&lt;StockLevelChanged&gt;(filter))</c>.</summary>
public static class LiveEventStreams
{
    /// <summary>
    /// The live events of type <typeparamref name="T"/> of the operation's tenant (never another's), from now on.
    /// An operation without a tenant fails, as any tenant-bound field does.
    /// </summary>
    public static IObservable<T> LiveEvents<T>(this IResolveFieldContext context, Func<T, bool>? filter = null) where T : class
    {
        var services = context.RequestServices ?? throw new InvalidOperationException("The operation has no services.");
        var tenant = services.GetRequiredService<ITenantContext>().Tenant;
        return services.GetRequiredService<LiveEvents>().Observe(tenant.Id, filter);
    }

    /// <summary>As <see cref="LiveEvents{T}"/>, each event shown as <typeparamref name="TOut"/> (e.g. the stored entity's GraphQL type).</summary>
    public static IObservable<TOut> LiveEvents<T, TOut>(this IResolveFieldContext context, Func<T, bool>? filter, Func<T, TOut> map) where T : class =>
        new Mapped<T, TOut>(context.LiveEvents(filter), map);

    private sealed class Mapped<T, TOut>(IObservable<T> source, Func<T, TOut> map) : IObservable<TOut>
    {
        public IDisposable Subscribe(IObserver<TOut> observer) => source.Subscribe(new Observer(observer, map));

        private sealed class Observer(IObserver<TOut> target, Func<T, TOut> map) : IObserver<T>
        {
            public void OnNext(T value) => target.OnNext(map(value));
            public void OnError(Exception error) => target.OnError(error);
            public void OnCompleted() => target.OnCompleted();
        }
    }
}
