using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;

namespace Inventory.Stock.GraphQL;

internal sealed class StockReasonType : EnumerationGraphType<StockReason>
{
    public StockReasonType()
    {
        Name = "StockReason";
        Description = "Why a quantity changed, as kept in the ledger.";
    }
}

internal sealed class StockAlertStateType : EnumerationGraphType<StockAlertState>
{
    public StockAlertStateType()
    {
        Name = "StockAlertState";
        Description = "Where a level stands against its thresholds: OK, LOW (at or below the reorder point) or OUT (nothing available).";
    }
}

internal sealed class StockLevelType : ObjectGraphType<StockLevel>
{
    public StockLevelType()
    {
        Name = "StockLevel";
        Description = "The stock of one SKU in one warehouse. available = onHand - reserved - committed - damaged - safetyStock.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(l => l.Sku);
        Field(l => l.WarehouseCode);
        Field(l => l.OnHand).Description("Physically in the warehouse.");
        Field(l => l.Reserved).Description("Held by reservations that may still expire.");
        Field(l => l.Committed).Description("Promised for good (committed reservations), not yet shipped.");
        Field(l => l.Damaged).Description("On hand, not sellable.");
        Field(l => l.SafetyStock).Description("Kept back from what is available.");
        Field(l => l.Incoming).Description("On its way here (transfers in transit).");
        Field(l => l.Available).Description("What can be reserved now. Below zero only with backorders, or when safety stock exceeds the free stock.");
        Field(l => l.ReorderPoint).Description("LOW_STOCK when available falls to this.");
        Field(l => l.AllowBackorder);
        Field<NonNullGraphType<StockAlertStateType>>("alertState").Resolve(ctx => ctx.Source.AlertState);
        Field(l => l.Version).Description("Grows with every change of the level.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

internal sealed record QuantityDelta(string Name, int Delta);

internal sealed class QuantityDeltaType : ObjectGraphType<QuantityDelta>
{
    public QuantityDeltaType()
    {
        Name = "QuantityDelta";
        Field(d => d.Name).Description("onHand, reserved, committed, damaged or incoming.");
        Field(d => d.Delta);
    }
}

internal sealed class StockMovementType : ObjectGraphType<StockMovement>
{
    public StockMovementType()
    {
        Name = "StockMovement";
        Description = "An entry of the append-only stock ledger.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(m => m.Sku);
        Field(m => m.WarehouseCode);
        Field<NonNullGraphType<StockReasonType>>("reason").Resolve(ctx => ctx.Source.Reason);
        Field(m => m.Reference, nullable: true);
        Field(m => m.Note, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuantityDeltaType>>>>("quantityDeltas")
            .Description("The quantities this movement changed, and by how much.")
            .Resolve(ctx => ctx.Source.Deltas.NonZero().Select(d => new QuantityDelta(d.Name, d.Delta)).ToList());
        Field(m => m.OnHandAfter);
        Field(m => m.ReservedAfter);
        Field(m => m.CommittedAfter);
        Field(m => m.DamagedAfter);
        Field(m => m.IncomingAfter);
        Field(m => m.AvailableAfter);
        Field(m => m.VersionAfter).Description("The level's version after this movement.");
        Field(m => m.Actor).Description("`user:<id>`, `apikey:<id>` or `system`.");
        Field(m => m.IdempotencyKey, nullable: true);
        Field<IdGraphType>("reservationId").Resolve(ctx => ctx.Source.ReservationId);
        Field<IdGraphType>("transferId").Resolve(ctx => ctx.Source.TransferId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.OccurredAt));
    }
}

internal sealed class ReservationStatusType : EnumerationGraphType<ReservationStatus>
{
    public ReservationStatusType()
    {
        Name = "ReservationStatus";
        Description = "HELD until it expires, is released or committed; COMMITTED until released or fulfilled.";
    }
}

internal sealed class ReservationLineType : ObjectGraphType<ReservationLine>
{
    public ReservationLineType()
    {
        Name = "ReservationLine";
        Field(l => l.Sku);
        Field(l => l.WarehouseCode);
        Field(l => l.Quantity);
    }
}

internal sealed class ReservationType : ObjectGraphType<Reservation>
{
    public ReservationType()
    {
        Name = "Reservation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ReservationStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(r => r.Reference, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.ExpiresAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReservationLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field(r => r.Actor);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

internal sealed class TransferStatusType : EnumerationGraphType<TransferStatus>
{
    public TransferStatusType()
    {
        Name = "TransferStatus";
        Description = "DRAFT, then IN_TRANSIT (shipped), then RECEIVED; or CANCELLED.";
    }
}

internal sealed class TransferLineType : ObjectGraphType<TransferLine>
{
    public TransferLineType()
    {
        Name = "TransferLine";
        Field(l => l.Sku);
        Field(l => l.Quantity);
    }
}

internal sealed class TransferType : ObjectGraphType<Transfer>
{
    public TransferType()
    {
        Name = "Transfer";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<TransferStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(t => t.FromWarehouseCode);
        Field(t => t.ToWarehouseCode);
        Field(t => t.Reference, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransferLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("shippedAt").Resolve(ctx => ctx.Source.ShippedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<DateTimeOffsetGraphType>("receivedAt").Resolve(ctx => ctx.Source.ReceivedAt is { } at ? UtcDates.ToOffset(at) : null);
    }
}

internal sealed class StockDriftType : ObjectGraphType<StockDrift>
{
    public StockDriftType()
    {
        Name = "StockDrift";
        Description = "A quantity of a level that differs from the sum of its ledger entries.";
        Field(d => d.Sku);
        Field(d => d.WarehouseCode);
        Field(d => d.Quantity).Description("onHand, reserved, committed, damaged or incoming.");
        Field(d => d.Recorded).Description("What the level says.");
        Field(d => d.Ledger).Description("What the ledger adds up to.");
    }
}

internal sealed class StockReconciliationType : ObjectGraphType<Reconciliation>
{
    public StockReconciliationType()
    {
        Name = "StockReconciliation";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("checkedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CheckedAt));
        Field(r => r.LevelsChecked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StockDriftType>>>>("drifts").Resolve(ctx => ctx.Source.Drifts.OrderBy(d => d.Number));
    }
}

/// <summary>The payload of a stock write: its result under <paramref name="resultField"/>, whether it was a replay, and user errors.</summary>
internal abstract class WritePayloadType<T, TNodeType> : ObjectGraphType<WriteResult<T>> where T : class where TNodeType : IGraphType
{
    protected WritePayloadType(string name, string resultField)
    {
        Name = name;
        Field<TNodeType>(resultField).Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when this answers a retry: the idempotency key was used before with the same request, and nothing was applied again.")
            .Resolve(ctx => ctx.Source.Replayed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

internal sealed class ReceiveStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("ReceiveStockPayload", "stockLevel");
internal sealed class AdjustStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("AdjustStockPayload", "stockLevel");
internal sealed class SetStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("SetStockPayload", "stockLevel");
internal sealed class MoveStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("MoveStockPayload", "stockLevel");
internal sealed class ConfigureStockLevelPayloadType() : WritePayloadType<StockLevel, StockLevelType>("ConfigureStockLevelPayload", "stockLevel");
internal sealed class ReserveStockPayloadType() : WritePayloadType<Reservation, ReservationType>("ReserveStockPayload", "reservation");
internal sealed class ReleaseReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("ReleaseReservationPayload", "reservation");
internal sealed class CommitReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("CommitReservationPayload", "reservation");
internal sealed class FulfilReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("FulfilReservationPayload", "reservation");
internal sealed class ExtendReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("ExtendReservationPayload", "reservation");
internal sealed class CreateTransferPayloadType() : WritePayloadType<Transfer, TransferType>("CreateTransferPayload", "transfer");
internal sealed class ShipTransferPayloadType() : WritePayloadType<Transfer, TransferType>("ShipTransferPayload", "transfer");
internal sealed class ReceiveTransferPayloadType() : WritePayloadType<Transfer, TransferType>("ReceiveTransferPayload", "transfer");
internal sealed class CancelTransferPayloadType() : WritePayloadType<Transfer, TransferType>("CancelTransferPayload", "transfer");
