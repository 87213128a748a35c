using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;

namespace Inventory.Stock.WriteEngine;

/// <summary>The answer of a stock write: its result, or the user errors that stopped it (and then nothing was written).</summary>
internal sealed record WriteResult<T>(T? Value, IReadOnlyList<UserError> Errors, bool Replayed = false) where T : class
{
    public bool Succeeded => Errors.Count == 0;

    public static WriteResult<T> Ok(T value) => new(value, []);

    public static WriteResult<T> Fail(params UserError[] errors) => new(null, errors);

    public static WriteResult<T> Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal enum TargetUse
{
    /// <summary>Stock comes in (receive, positive counts): the product must be active and the warehouse active; the level is created.</summary>
    Inbound,
    /// <summary>Stock is promised (reserve, transfer out): the product must be active, the warehouse active, the level must exist.</summary>
    Outbound,
    /// <summary>Corrections of what is there (adjust, set, move, configure): any known product and warehouse; the level is created.</summary>
    Correction,
    /// <summary>Changes that can only take from a level (negative adjustments, moves, counts from a quantity): a missing level is not created.</summary>
    Existing,
}

/// <summary>How much of a level's stock a change may use.</summary>
internal enum StockGuard
{
    /// <summary>Stock may only be promised from what is available: onHand - reserved - committed - damaged - safetyStock stays at or above zero (unless backorders are allowed).</summary>
    Available,
    /// <summary>Corrections may eat into safety stock, never into what is reserved, committed or damaged (unless backorders are allowed).</summary>
    Physical,
}

/// <summary>What a change is, for the ledger and the events.</summary>
internal sealed record ChangeContext(
    StockReason Reason,
    string? Reference,
    string Actor,
    string? IdempotencyKey,
    DateTime Now,
    Guid? ReservationId = null,
    Guid? TransferId = null,
    string? Note = null);

/// <summary>
/// The idempotency key's rules: 1 to 128 characters, not blank; a request is known by the SHA-256 of its
/// operation and normalized request as JSON. The write engine stores the key with the first result in the
/// write's own transaction (<see cref="StockCommand"/>): a retry answers that result, another request with
/// the key is IDEMPOTENCY_KEY_REUSED, and a write refused with user errors stores nothing, key included.
/// </summary>
internal static class IdempotencyKeys
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static UserError? Check(string? key, string field = "idempotencyKey") =>
        key is null || (key.Length > 0 && key.Length <= IdempotencyRecord.MaxKeyLength && !string.IsNullOrWhiteSpace(key))
            ? null
            : new UserError(StockErrors.InvalidIdempotencyKey, $"An idempotency key is 1-{IdempotencyRecord.MaxKeyLength} characters, not blank.", field);

    /// <summary>SHA-256 of the operation and its normalized request, as JSON.</summary>
    public static string Hash(string operation, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request, Json))));
}
