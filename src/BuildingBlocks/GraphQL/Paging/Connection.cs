namespace Inventory.BuildingBlocks.GraphQL.Paging;

public sealed record Edge(string Cursor, object Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A Relay connection. The total is counted only when a client selects <c>totalCount</c>.</summary>
public sealed record Connection(IReadOnlyList<Edge> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> CountTotal)
{
    public IEnumerable<object> Nodes => Edges.Select(e => e.Node);
}
