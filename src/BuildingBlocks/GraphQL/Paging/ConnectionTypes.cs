using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL.Paging;

/// <summary>Relay connection of <typeparamref name="TNodeType"/>, named after it (<c>ProductType</c> gives <c>ProductConnection</c>).</summary>
public sealed class ConnectionType<TNodeType> : ObjectGraphType<Connection> where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var node = NodeName();
        Name = node + "Connection";
        Description = $"A page of {node} nodes.";
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many nodes match the filter, on all pages.")
            .ResolveAsync(async ctx => (object?)await ctx.Source.CountTotal(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType>>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }

    internal static string NodeName()
    {
        var name = typeof(TNodeType).Name;
        return name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4] : name;
    }
}

public sealed class EdgeType<TNodeType> : ObjectGraphType<Edge> where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = ConnectionType<TNodeType>.NodeName() + "Edge";
        Field(e => e.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}
