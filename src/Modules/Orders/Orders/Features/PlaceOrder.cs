using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Orders.Domain;
using Inventory.Orders.GraphQL;
using Inventory.Orders.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Orders.Features;

internal sealed record PlaceOrderLineInput
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed record PlaceOrderInput
{
    public string CustomerReference { get; init; } = "";
    public List<PlaceOrderLineInput> Lines { get; init; } = [];
    public int? HoldSeconds { get; init; }
}

internal sealed class PlaceOrderLineInputType : InputObjectGraphType<PlaceOrderLineInput>
{
    public PlaceOrderLineInputType()
    {
        Name = "PlaceOrderLineInput";
        Field(i => i.Sku);
        Field(i => i.Quantity);
    }
}

internal sealed class PlaceOrderInputType : InputObjectGraphType<PlaceOrderInput>
{
    public PlaceOrderInputType()
    {
        Name = "PlaceOrderInput";
        Description = $"1-{Order.MaxLines} lines, one per SKU. Stock is allocated across warehouses and held for `holdSeconds` until the order is confirmed.";
        Field(i => i.CustomerReference);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceOrderLineInputType>>>>("lines");
        Field(i => i.HoldSeconds, nullable: true).Description($"1 s to 7 days; {Order.DefaultHoldSeconds} s when left out.");
    }
}

internal static class OrderErrors
{
    public const string InvalidQuantity = "INVALID_QUANTITY";
    public const string TooManyLines = "TOO_MANY_LINES";
    public const string DuplicateLine = "DUPLICATE_LINE";
    public const string InvalidSku = "INVALID_SKU";
    public const string InvalidHold = "INVALID_HOLD";
    public const string InvalidStatus = "INVALID_STATUS";
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
}

internal sealed class PlaceOrderValidator : AbstractValidator<PlaceOrderInput>
{
    public const int MaxQuantity = 1_000_000_000;

    public PlaceOrderValidator()
    {
        RuleFor(i => i.CustomerReference).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 200)
            .WithMessage("A customer reference is required (at most 200 characters).");
        RuleFor(i => i.Lines).Must(l => l.Count is > 0 and <= Order.MaxLines).WithErrorCode(OrderErrors.TooManyLines)
            .WithMessage($"An order has 1 to {Order.MaxLines} lines.");
        RuleForEach(i => i.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 64).WithErrorCode(OrderErrors.InvalidSku)
                .WithMessage("A SKU is required (at most 64 characters).");
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity).WithErrorCode(OrderErrors.InvalidQuantity)
                .WithMessage($"The quantity must be 1 to {MaxQuantity:N0}.");
        }).When(i => i.Lines.Count <= Order.MaxLines);
        RuleFor(i => i.Lines).Must(l => l.GroupBy(x => x.Sku.Trim().ToUpperInvariant()).All(g => g.Count() == 1))
            .WithErrorCode(OrderErrors.DuplicateLine).WithMessage("Each SKU may appear on one line only; add the quantities up.")
            .When(i => i.Lines.Count <= Order.MaxLines);
        RuleFor(i => i.HoldSeconds).InclusiveBetween(1, 7 * 24 * 3600).WithErrorCode(OrderErrors.InvalidHold)
            .WithMessage("The hold is 1 second to 7 days.").When(i => i.HoldSeconds is not null);
    }
}

/// <summary>
/// Accepts an order as PENDING and announces it (OrderPlaced, through the outbox, in the same transaction);
/// Stock allocates and answers. The idempotency key is the order's own unique column: a retry finds the order.
/// </summary>
internal sealed class PlaceOrderHandler(ModuleDbContextFactory<OrdersDbContext> contexts, IValidator<PlaceOrderInput> validator, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task<OrderPayload> HandleAsync(PlaceOrderInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
            errors.Add(new UserError(OrderErrors.InvalidIdempotencyKey, "An idempotency key is 1-100 characters, not blank.", "idempotencyKey"));
        if (errors.Count > 0)
            return OrderPayload.Fail(errors);

        var request = input with
        {
            CustomerReference = input.CustomerReference.Trim(),
            Lines = input.Lines.Select(l => l with { Sku = l.Sku.Trim() }).ToList(),
            HoldSeconds = input.HoldSeconds ?? Order.DefaultHoldSeconds,
        };
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));

        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.Create();
            var existing = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Allocations)
                .FirstOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, cancellationToken);
            if (existing is not null)
                return existing.RequestHash == hash
                    ? new OrderPayload(existing, [], Replayed: true)
                    : OrderPayload.Fail(new UserError(OrderErrors.IdempotencyKeyReused, "This idempotency key was used for another order; use a new key for a new order.", "idempotencyKey"));

            var now = time.GetUtcNow().UtcDateTime;
            var id = Guid.CreateVersion7();
            var order = new Order
            {
                Id = id,
                Status = OrderStatus.Pending,
                CustomerReference = request.CustomerReference,
                IdempotencyKey = idempotencyKey,
                RequestHash = hash,
                HoldSeconds = request.HoldSeconds!.Value,
                Actor = actor,
                PlacedAt = now,
                UpdatedAt = now,
                Version = 1,
                SortKey = SortKeys.Of(now, id),
                Lines = request.Lines.Select((l, i) => new OrderLine { OrderId = id, LineNumber = i + 1, Sku = l.Sku, Quantity = l.Quantity }).ToList(),
            };
            db.Orders.Add(order);
            db.Publish(new OrderPlaced(order.Id, order.CustomerReference, order.Lines.Select(l => new OrderLineInfo(l.LineNumber, l.Sku, l.Quantity)).ToList(), order.HoldSeconds, now), now);
            db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "PENDING", null, now, order.Version), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return OrderPayload.Ok(order);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < 3)
            {
                // The same key raced in: the next round finds the order it created.
            }
        }
    }
}
