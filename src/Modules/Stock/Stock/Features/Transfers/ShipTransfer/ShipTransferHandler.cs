using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Transfers.ShipTransfer;

/// <summary>shipTransfer: a DRAFT transfer leaves the source (onHand) and shows as incoming at the destination.</summary>
internal sealed class ShipTransferHandler(TransferTransitions transitions)
{
    public Task<WriteResult<Transfer>> ShipAsync(string id, string? key, string actor, CancellationToken cancellationToken) =>
        transitions.RunAsync("shipTransfer", id, TransferStatus.InTransit, key, actor, cancellationToken);
}
