using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.GraphQL;

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
