using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.BuildingBlocks.GraphQL.Paging;

/// <summary>
/// Keyset (seek) pagination: the cursor holds the sort key and a unique tie-breaker of the edge, so pages
/// stay stable while rows are inserted, and deep pages cost the same as the first (no OFFSET).
/// </summary>
public static class KeysetPaging
{
    /// <summary>
    /// Pages <paramref name="query"/> on a context from <paramref name="open"/>; the total, when a client asks
    /// for it, is counted on a context of its own (resolvers run in parallel and a context is not shared).
    /// </summary>
    public static async Task<Connection> PageAsync<TContext, T, TKey>(
        Func<TContext> open,
        Func<TContext, IQueryable<T>> query,
        PageRequest page,
        Expression<Func<T, TKey>> sortKey,
        Expression<Func<T, string>> tieBreaker,
        bool descending,
        CancellationToken cancellationToken)
        where TContext : DbContext
        where T : class
    {
        await using var db = open();
        return await PageAsync(query(db).AsNoTracking(), page, sortKey, tieBreaker, descending, row => row, async ct =>
        {
            await using var countDb = open();
            return await query(countDb).CountAsync(ct);
        }, cancellationToken);
    }

    public static async Task<Connection> PageAsync<T, TKey>(
        IQueryable<T> query,
        PageRequest page,
        Expression<Func<T, TKey>> sortKey,
        Expression<Func<T, string>> tieBreaker,
        bool descending,
        Func<T, object> toNode,
        Func<CancellationToken, Task<int>> countTotal,
        CancellationToken cancellationToken)
    {
        var filtered = query;
        if (page.After is not null)
            filtered = filtered.Where(Seek(sortKey, tieBreaker, Decode<TKey>(page.After), forward: !descending));
        if (page.Before is not null)
            filtered = filtered.Where(Seek(sortKey, tieBreaker, Decode<TKey>(page.Before), forward: descending));

        // Walking backwards reads the page in reverse order and flips it afterwards.
        var reverse = page.Backward ? !descending : descending;
        var ordered = reverse
            ? filtered.OrderByDescending(sortKey).ThenByDescending(tieBreaker)
            : filtered.OrderBy(sortKey).ThenBy(tieBreaker);

        var size = page.Size;
        var rows = size == 0 ? [] : await ordered.Take(size + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        if (page.Backward)
            rows.Reverse();

        var key = sortKey.Compile();
        var tie = tieBreaker.Compile();
        var edges = rows.Select(r => new Edge(Encode(key(r), tie(r)), toNode(r))).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: page.Backward ? page.Before is not null : hasMore,
            HasPreviousPage: page.Backward ? hasMore : page.After is not null,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection(edges, pageInfo, countTotal);
    }

    internal sealed record Cursor<TKey>(TKey Key, string Tie);

    // The values are read through a closure object so that EF Core sends them as parameters.
    private sealed class Boxed<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    internal static string Encode<TKey>(TKey key, string tie) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Cursor<TKey>(key, tie)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static Cursor<TKey> Decode<TKey>(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var decoded = JsonSerializer.Deserialize<Cursor<TKey>>(Convert.FromBase64String(base64));
            if (decoded is null || decoded.Tie is null || decoded.Key is null)
                throw new FormatException();
            return decoded;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException)
        {
            throw new ExecutionError("The cursor is not valid.") { Code = ErrorCodes.Validation };
        }
    }

    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private static Expression<Func<T, bool>> Seek<T, TKey>(
        Expression<Func<T, TKey>> sortKey, Expression<Func<T, string>> tieBreaker, Cursor<TKey> cursor, bool forward)
    {
        var parameter = sortKey.Parameters[0];
        var key = sortKey.Body;
        var tie = new ParameterReplacer(tieBreaker.Parameters[0], parameter).Visit(tieBreaker.Body);
        var keyValue = Expression.Property(Expression.Constant(new Boxed<TKey>(cursor.Key)), nameof(Boxed<TKey>.Value));
        var tieValue = Expression.Property(Expression.Constant(new Boxed<string>(cursor.Tie)), nameof(Boxed<string>.Value));

        // (key > k) OR (key = k AND tie > t), mirrored for the other direction.
        var beyondKey = Compare(key, keyValue, forward);
        var sameKey = Expression.Equal(key, keyValue);
        var beyondTie = Compare(tie, tieValue, forward);
        var body = Expression.OrElse(beyondKey, Expression.AndAlso(sameKey, beyondTie));
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private static BinaryExpression Compare(Expression left, Expression right, bool greater)
    {
        if (left.Type == typeof(string))
        {
            var compared = Expression.Call(StringCompare, left, right);
            return greater ? Expression.GreaterThan(compared, Expression.Constant(0)) : Expression.LessThan(compared, Expression.Constant(0));
        }
        return greater ? Expression.GreaterThan(left, right) : Expression.LessThan(left, right);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
