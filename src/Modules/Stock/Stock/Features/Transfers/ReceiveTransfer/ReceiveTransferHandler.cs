using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Transfers.ReceiveTransfer;

/// <summary>receiveTransfer: an IN_TRANSIT transfer's incoming becomes onHand at the destination.</summary>
internal sealed class ReceiveTransferHandler(TransferTransitions transitions)
{
    public Task<WriteResult<Transfer>> ReceiveAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        transitions.RunAsync("receiveTransfer", id, TransferStatus.Received, key, actor, cancellationToken);
}
