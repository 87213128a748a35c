using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL.Paging;

/// <summary>The four Relay arguments, checked: a page holds 1 to <see cref="MaxPageSize"/> nodes.</summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public bool Backward => Last is not null && First is null;
    public int Size => (Backward ? Last : First) ?? DefaultPageSize;

    public static PageRequest From(IResolveFieldContext context)
    {
        var request = new PageRequest(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"));
        request.Validate();
        return request;
    }

    public void Validate()
    {
        if (First is not null && Last is not null)
            throw new ExecutionError("Pass either 'first' or 'last', not both.") { Code = ErrorCodes.Validation };
        if (First is < 0 or > MaxPageSize || Last is < 0 or > MaxPageSize)
            throw new ExecutionError($"'first' and 'last' must be between 0 and {MaxPageSize}.") { Code = ErrorCodes.Validation };
    }

    public static void AddArguments<TSource>(FieldBuilder<TSource, object> field) =>
        field
            .Argument<IntGraphType>("first", "Nodes after the cursor `after` (at most 100; default 20).")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("last", "Nodes before the cursor `before` (at most 100).")
            .Argument<StringGraphType>("before");
}
