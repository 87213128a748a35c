using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.GraphQL;

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
