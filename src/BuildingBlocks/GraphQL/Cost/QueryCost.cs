using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>
/// The optional cost declaration of a field. Nothing has to be declared: <see cref="QueryCostCalculator"/> derives
/// every field's cost from the schema (root fields, connections, totalCount, objects, scalars). A field whose
/// resolver does more than its shape says (a lookup of its own, a call to another service) states its own cost.
/// </summary>
public static class QueryCost
{
    internal const string CostKey = "inventory:cost";

    /// <summary>This field costs <paramref name="cost"/> points instead of its default (its selections still add theirs).</summary>
    public static FieldBuilder<TSource, TReturn> Cost<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        field.FieldType.WithMetadata(CostKey, cost);
        return field;
    }

    internal static int? DeclaredCost(FieldType field) => field.GetMetadata<int?>(CostKey);
}
