using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Inventory.BuildingBlocks.GraphQL.Paging;

namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>What an operation costs and how many root fields it selects.</summary>
internal readonly record struct QueryCostResult(int Cost, int RootFields);

/// <summary>
/// The calculated cost of an operation, from the document alone (before any resolver runs), in the manner of
/// Shopify's Admin API: a point is about one database query or one object built. The defaults follow what the
/// resolvers of this schema do (ADR 15):
/// <list type="bullet">
/// <item>a root query or subscription field: 1 (each runs its own query or batch lookup); a root mutation field:
/// <see cref="QueryCostOptions.MutationCost"/>;</item>
/// <item>a connection (any <see cref="ConnectionType{TNodeType}"/>): 2 (its page query), plus the page size
/// (<c>first</c> or <c>last</c>, literal, variable or default 20, capped at 100) times the cost of one node as
/// selected under <c>nodes</c> or <c>edges</c>; <c>totalCount</c> 1 (a COUNT query); <c>pageInfo</c> 0;</item>
/// <item>any other object field: 1; scalars and enums: 0; introspection and <c>__typename</c>: 0;</item>
/// <item>a field declared with <see cref="QueryCost.Cost{TSource,TReturn}"/>: that cost instead of its default.</item>
/// </list>
/// Fragments and inline fragments count where they are spread (each alias is a field of its own). Lists other than
/// connection pages are loaded with their parent (lines of an order, attributes of a product), so they are not
/// multiplied; selections under several type conditions are added up, never less than what can run.
/// </summary>
internal sealed class QueryCostCalculator
{
    private const int ConnectionCost = 2;

    private readonly ISchema _schema;
    private readonly GraphQLDocument _document;
    private readonly Func<GraphQLField, string, object?> _argument;
    private readonly QueryCostOptions _options;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fragmentPath = new(StringComparer.Ordinal);

    private QueryCostCalculator(ISchema schema, GraphQLDocument document, Func<GraphQLField, string, object?> argument, QueryCostOptions options)
    {
        _schema = schema;
        _document = document;
        _argument = argument;
        _options = options;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
    }

    /// <param name="argument">The value of a field's argument in this request (variables applied), or null.</param>
    public static QueryCostResult Calculate(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation,
        Func<GraphQLField, string, object?> argument, QueryCostOptions options)
    {
        IObjectGraphType? root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };
        if (root is null)
            return new QueryCostResult(0, 0);
        var calculator = new QueryCostCalculator(schema, document, argument, options);
        var cost = calculator.RootCost(root, operation.Operation, operation.SelectionSet, out var rootFields);
        return new QueryCostResult((int)Math.Min(cost, int.MaxValue), rootFields);
    }

    private long RootCost(IObjectGraphType root, OperationType operation, GraphQLSelectionSet selections, out int rootFields)
    {
        rootFields = 0;
        long cost = 0;
        foreach (var field in Fields(selections, root))
        {
            var name = field.Node.Name.StringValue;
            if (name == "__typename")
                continue;
            rootFields++;
            if (name.StartsWith("__", StringComparison.Ordinal))
                continue; // introspection reads the schema in memory
            if (root.GetField(name) is not { } definition)
                continue; // the core rules report unknown fields
            cost = Add(cost, FieldCost(field.Node, definition, operation == OperationType.Mutation ? _options.MutationCost : 1));
        }
        return cost;
    }

    /// <summary>
    /// A field's own cost and its selections'. <paramref name="rootDefault"/> is the default of a root field (a query,
    /// or a mutation's base cost); a declared cost replaces any default.
    /// </summary>
    private long FieldCost(GraphQLField node, FieldType definition, int? rootDefault)
    {
        var type = definition.ResolvedType?.GetNamedType();
        var declared = QueryCost.DeclaredCost(definition);
        if (IsConnection(type))
        {
            var own = declared ?? Math.Max(rootDefault ?? 0, ConnectionCost);
            return Add(own, node.SelectionSet is null ? 0 : ConnectionSelectionsCost(node.SelectionSet, type!, PageSize(node)));
        }
        var cost = declared ?? rootDefault ?? (type is IComplexGraphType ? 1 : 0);
        return Add(cost, node.SelectionSet is null || type is null ? 0 : SelectionsCost(node.SelectionSet, type));
    }

    private long SelectionsCost(GraphQLSelectionSet selections, IGraphType parent)
    {
        long cost = 0;
        foreach (var field in Fields(selections, parent))
        {
            var name = field.Node.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || field.Parent is not IComplexGraphType complex || complex.GetField(name) is not { } definition)
                continue;
            cost = Add(cost, FieldCost(field.Node, definition, rootDefault: null));
        }
        return cost;
    }

    /// <summary>The selections of a connection: a page of nodes (through <c>nodes</c> or <c>edges { node }</c>), totalCount, pageInfo.</summary>
    private long ConnectionSelectionsCost(GraphQLSelectionSet selections, IGraphType connection, int pageSize)
    {
        long cost = 0;
        foreach (var field in Fields(selections, connection))
        {
            var name = field.Node.Name.StringValue;
            if (field.Parent is not IComplexGraphType parent || parent.GetField(name) is not { } definition || name.StartsWith("__", StringComparison.Ordinal))
                continue;
            var declared = QueryCost.DeclaredCost(definition);
            cost = Add(cost, name switch
            {
                // Each node is an object (1) with its selections; an edge is free around its node.
                "nodes" => Multiply(pageSize, Add(declared ?? 1, field.Node.SelectionSet is null ? 0 : SelectionsCost(field.Node.SelectionSet, definition.ResolvedType!.GetNamedType()))),
                "edges" => Multiply(pageSize, Add(declared ?? 0, field.Node.SelectionSet is null ? 0 : SelectionsCost(field.Node.SelectionSet, definition.ResolvedType!.GetNamedType()))),
                "totalCount" => declared ?? 1, // its own COUNT query
                "pageInfo" => declared ?? 0,   // computed from the page already read
                _ => FieldCost(field.Node, definition, rootDefault: null),
            });
        }
        return cost;
    }

    /// <summary>The page a connection field asks for: <c>first</c> or <c>last</c>, else the default; refused sizes count as the largest.</summary>
    private int PageSize(GraphQLField node)
    {
        var first = AsInt(_argument(node, "first"));
        var last = AsInt(_argument(node, "last"));
        var size = first is null && last is null ? PageRequest.DefaultPageSize : Math.Max(first ?? 0, last ?? 0);
        return Math.Clamp(size, 0, PageRequest.MaxPageSize);
    }

    private static int? AsInt(object? value) => value switch
    {
        null => null,
        int i => i,
        long l => (int)Math.Clamp(l, int.MinValue, int.MaxValue),
        IConvertible c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool IsConnection(IGraphType? type) =>
        type?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ConnectionType<>);

    /// <summary>The fields of a selection set with the type each is selected on, through inline fragments and fragment spreads.</summary>
    private IEnumerable<(GraphQLField Node, IGraphType? Parent)> Fields(GraphQLSelectionSet selections, IGraphType parent)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return (field, parent);
                    break;
                case GraphQLInlineFragment inline:
                    var inlineType = inline.TypeCondition is { } condition ? _schema.AllTypes[condition.Type.Name.StringValue] : parent;
                    if (inlineType is not null)
                        foreach (var inner in Fields(inline.SelectionSet, inlineType))
                            yield return inner;
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    // A fragment that spreads itself is refused by the core rules; it is not followed twice here.
                    if (!_fragments.TryGetValue(name, out var fragment) || !_fragmentPath.Add(name))
                        break;
                    try
                    {
                        if (_schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue] is { } fragmentType)
                            foreach (var inner in Fields(fragment.SelectionSet, fragmentType))
                                yield return inner;
                    }
                    finally
                    {
                        _fragmentPath.Remove(name);
                    }
                    break;
            }
        }
    }

    private static long Add(long a, long b) => Math.Min(a + b, int.MaxValue);

    private static long Multiply(long a, long b) => Math.Min(a * b, int.MaxValue);
}
