using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Common;

/// <summary>The answer of a stock write: its result, or the user errors that stopped it (and then nothing was written).</summary>
internal sealed record WriteResult<T>(T? Value, IReadOnlyList<UserError> Errors, bool Replayed = false) where T : class
{
    public bool Succeeded => Errors.Count == 0;

    public static WriteResult<T> Ok(T value) => new(value, []);

    public static WriteResult<T> Fail(params UserError[] errors) => new(null, errors);

    public static WriteResult<T> Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

/// <summary>
/// Runs a stock write in one local transaction (READ COMMITTED; the guards are in the UPDATEs), under an
/// idempotency key when the caller gives one. The key is stored in the write's own transaction with a hash of
/// the request and the result, so:
/// <list type="bullet">
/// <item>a retry with the same key and request gets the first result, and nothing is applied again;</item>
/// <item>the same key with another request is refused with IDEMPOTENCY_KEY_REUSED;</item>
/// <item>two requests racing with one key apply once: the second's key insert waits for the first's commit,
/// then fails on the primary key, its transaction rolls back, and it answers the first's result; and when the
/// first's change is what makes the second's fail (it took the stock, it moved the onHand a count expects), the
/// second, having waited for the first's row locks, finds the first's key and answers its result too.</item>
/// </list>
/// A write that fails with user errors stores nothing, key included: retrying it may succeed later.
/// </summary>
internal sealed class StockWrites(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public Func<StockDbContext> Open => contexts.Create;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public static UserError? CheckKey(string? key, string field = "idempotencyKey") =>
        key is null || (key.Length > 0 && key.Length <= IdempotencyRecord.MaxKeyLength && !string.IsNullOrWhiteSpace(key))
            ? null
            : new UserError(StockErrors.InvalidIdempotencyKey, $"An idempotency key is 1-{IdempotencyRecord.MaxKeyLength} characters, not blank.", field);

    public async Task<WriteResult<T>> RunAsync<T>(
        string operation,
        string? idempotencyKey,
        object request,
        Func<StockDbContext, DateTime, CancellationToken, Task<WriteResult<T>>> work,
        CancellationToken cancellationToken,
        bool keyCheckedJustNow = false) where T : class
    {
        if (CheckKey(idempotencyKey) is { } invalid)
            return WriteResult<T>.Fail(invalid);
        var hash = idempotencyKey is null ? "" : Hash(operation, request);

        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.Create();
            // A caller that just asked ReplayAsync saves the lookup on the first attempt; a race is caught by the key's insert.
            var lookUp = idempotencyKey is not null && (attempt > 1 || !keyCheckedJustNow);
            if (lookUp && await FindAsync<T>(db, idempotencyKey!, operation, hash, cancellationToken) is { } earlier)
                return earlier;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = Now;
            var result = await work(db, now, cancellationToken);
            if (!result.Succeeded)
            {
                // Roll back what did apply. A request with the same key may have committed while this one waited
                // on its row locks (and then failed its guards on the stock the first one took): answer with that.
                await transaction.RollbackAsync(CancellationToken.None);
                if (idempotencyKey is not null)
                {
                    await using var check = contexts.Create();
                    if (await FindAsync<T>(check, idempotencyKey, operation, hash, cancellationToken) is { } winner)
                        return winner;
                }
                return result;
            }

            if (idempotencyKey is not null)
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    Key = idempotencyKey,
                    Operation = operation,
                    RequestHash = hash,
                    Result = JsonSerializer.Serialize(result.Value, Json),
                    CreatedAt = now,
                });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (idempotencyKey is not null && DbErrors.IsUniqueViolation(ex) && attempt < 3)
            {
                // A concurrent request with this key committed first: this one's changes roll back; answer with the first's
                // (found by the next round's lookup). Any other unique violation is not a race on the key: let it surface.
                await transaction.RollbackAsync(CancellationToken.None);
                await using var check = contexts.Create();
                if (!await check.IdempotencyRecords.AnyAsync(k => k.Key == idempotencyKey, cancellationToken))
                    throw;
            }
        }
    }

    /// <summary>
    /// The stored answer when this key was used before (the first result, or IDEMPOTENCY_KEY_REUSED), checked
    /// before a write resolves its targets so a retry is answered even if the catalog changed since.
    /// </summary>
    public async Task<WriteResult<T>?> ReplayAsync<T>(string operation, string? idempotencyKey, object request, CancellationToken cancellationToken) where T : class
    {
        if (idempotencyKey is null || CheckKey(idempotencyKey) is not null)
            return null;
        await using var db = contexts.Create();
        return await FindAsync<T>(db, idempotencyKey, operation, Hash(operation, request), cancellationToken);
    }

    private static async Task<WriteResult<T>?> FindAsync<T>(StockDbContext db, string key, string operation, string hash, CancellationToken cancellationToken) where T : class
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, cancellationToken);
        if (record is null)
            return null;
        if (record.Operation != operation || record.RequestHash != hash)
            return WriteResult<T>.Fail(new UserError(StockErrors.IdempotencyKeyReused,
                $"This idempotency key was used for another request ({record.Operation}); use a new key for a new request.", "idempotencyKey"));
        return new WriteResult<T>(JsonSerializer.Deserialize<T>(record.Result, Json), [], Replayed: true);
    }

    /// <summary>SHA-256 of the operation and its normalized request, as JSON.</summary>
    public static string Hash(string operation, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request, Json))));
}
