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
}
