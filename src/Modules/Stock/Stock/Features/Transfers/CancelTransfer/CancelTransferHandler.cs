using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Transfers.CancelTransfer;

/// <summary>cancelTransfer: a DRAFT or IN_TRANSIT transfer is called off; stock in transit goes back to the source.</summary>
internal sealed class CancelTransferHandler(TransferTransitions transitions)
{
    public Task<WriteResult<Transfer>> CancelAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        transitions.RunAsync("cancelTransfer", id, TransferStatus.Cancelled, key, actor, cancellationToken);
}
