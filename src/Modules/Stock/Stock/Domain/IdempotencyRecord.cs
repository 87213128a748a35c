namespace Inventory.Stock.Domain;

/// <summary>
/// A stock write done under an idempotency key: a hash of the request and the result it gave, so a retry
/// gets the same answer and the same key with another request is refused. Written in the write's own transaction.
/// </summary>
internal sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 100;

    public string Key { get; set; } = "";
    public string Operation { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string Result { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
