using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;

namespace Inventory.Stock.Features.Transfers.CancelTransfer;

/// <summary>cancelTransfer: a DRAFT or IN_TRANSIT transfer is called off; stock in transit goes back to the source.</summary>
internal sealed class CancelTransferHandler(StockWrites writes)
{
    public Task<WriteResult<Transfer>> CancelAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        TransferTransitions.RunAsync(writes, "cancelTransfer", id, TransferStatus.Cancelled, key, actor, cancellationToken);
}
