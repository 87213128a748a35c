using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;

namespace Inventory.Stock.Features.Transfers.ShipTransfer;

/// <summary>shipTransfer: a DRAFT transfer leaves the source (onHand) and shows as incoming at the destination.</summary>
internal sealed class ShipTransferHandler(StockWrites writes)
{
    public Task<WriteResult<Transfer>> ShipAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        TransferTransitions.RunAsync(writes, "shipTransfer", id, TransferStatus.InTransit, key, actor, cancellationToken);
}
