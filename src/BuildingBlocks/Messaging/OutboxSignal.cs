using System.Threading.Channels;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Wakes the dispatcher right after a commit that wrote outbox messages, so delivery does not wait for the sweep.
/// A commit names the module whose outbox it wrote: the dispatcher then reads that outbox only, not every
/// module's (an empty look at three other outboxes per commit was most of its statements).
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<(string TenantId, string? Module)> _wakeUps =
        Channel.CreateUnbounded<(string, string?)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Look at the tenant's outbox of <paramref name="module"/> (its schema), or at every module's when null.</summary>
    public void Notify(string tenantId, string? module = null) => _wakeUps.Writer.TryWrite((tenantId, module));

    internal ChannelReader<(string TenantId, string? Module)> Reader => _wakeUps.Reader;
}
