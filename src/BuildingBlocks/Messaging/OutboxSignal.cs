using System.Threading.Channels;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>Wakes the dispatcher right after a commit that wrote outbox messages, so delivery does not wait for the sweep.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<string> _tenants = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(string tenantId) => _tenants.Writer.TryWrite(tenantId);

    internal ChannelReader<string> Reader => _tenants.Reader;
}
