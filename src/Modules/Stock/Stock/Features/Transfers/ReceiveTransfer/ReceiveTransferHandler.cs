using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;

namespace Inventory.Stock.Features.Transfers.ReceiveTransfer;

/// <summary>receiveTransfer: an IN_TRANSIT transfer's incoming becomes onHand at the destination.</summary>
internal sealed class ReceiveTransferHandler(StockWrites writes)
{
    public Task<WriteResult<Transfer>> ReceiveAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        TransferTransitions.RunAsync(writes, "receiveTransfer", id, TransferStatus.Received, key, actor, cancellationToken);
}
