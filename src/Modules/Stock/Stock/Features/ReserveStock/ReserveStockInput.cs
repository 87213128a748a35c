using FluentValidation;
using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.ReserveStock;

internal sealed record ReserveLineInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed record ReserveStockInput
{
    public const int DefaultTtlSeconds = 900;

    public List<ReserveLineInput> Lines { get; init; } = [];
    public int? TtlSeconds { get; init; }
    public string? Reference { get; init; }
}

internal sealed class ReserveLineInputType : InputObjectGraphType<ReserveLineInput>
{
    public ReserveLineInputType()
    {
        Name = "ReserveLineInput";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.Quantity);
    }
}

internal sealed class ReserveStockInputType : InputObjectGraphType<ReserveStockInput>
{
    public ReserveStockInputType()
    {
        Name = "ReserveStockInput";
        Description = $"Lines reserved all together or not at all (1-{Reservation.MaxLines}, one per SKU and warehouse).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReserveLineInputType>>>>("lines");
        Field(i => i.TtlSeconds, nullable: true).Description($"{Reservation.MinTtlSeconds} s to 7 days; {ReserveStockInput.DefaultTtlSeconds} s when left out.");
        Field(i => i.Reference, nullable: true).Description("What the stock is held for, e.g. `cart:7` or `order:42`.");
    }
}

internal sealed class ReserveStockValidator : AbstractValidator<ReserveStockInput>
{
    public ReserveStockValidator()
    {
        RuleFor(i => i.Lines).Must(l => l.Count is > 0 and <= Reservation.MaxLines).WithErrorCode(StockErrors.TooManyLines)
            .WithMessage($"A reservation has 1 to {Reservation.MaxLines} lines.");
        RuleForEach(i => i.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).ValidSku();
            line.RuleFor(l => l.WarehouseCode).ValidWarehouseCode();
            line.RuleFor(l => l.Quantity).PositiveQuantity();
        }).When(i => i.Lines.Count <= Reservation.MaxLines);
        RuleFor(i => i.Lines).Must(l => l.GroupBy(x => (StockProduct.KeyOf(x.Sku), WarehouseRules.Normalize(x.WarehouseCode))).All(g => g.Count() == 1))
            .WithErrorCode(StockErrors.DuplicateLine).WithMessage("Each SKU and warehouse may appear on one line only; add the quantities up.")
            .When(i => i.Lines.Count <= Reservation.MaxLines);
        RuleFor(i => i.TtlSeconds).InclusiveBetween(Reservation.MinTtlSeconds, Reservation.MaxTtlSeconds).WithErrorCode(StockErrors.InvalidTtl)
            .WithMessage($"The time to live is {Reservation.MinTtlSeconds} to {Reservation.MaxTtlSeconds} seconds (7 days).")
            .When(i => i.TtlSeconds is not null);
        RuleFor(i => i.Reference).ValidReference();
    }
}
