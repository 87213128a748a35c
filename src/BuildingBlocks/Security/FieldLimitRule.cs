using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// Enforces <see cref="FieldLimits"/> during validation, so a refused operation runs no resolver: first the number of
/// selections of each root field (aliases, fragments and inline fragments all count; selections sharing one response
/// name are merged by GraphQL into one call and count once), then, only for an otherwise valid operation, one
/// rate-limit permit per policy its root fields name. Both transports run it (it is one of the schema's rules).
/// </summary>
internal sealed class FieldLimitRule : ValidationRuleBase
{
    public const string MaxPerRequestCode = "MAX_PER_REQUEST";
    public const string RateLimitedCode = "RATE_LIMITED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (RootOf(context) is not { } root)
            return default;
        var byField = new Dictionary<string, (FieldType Field, HashSet<string> ResponseNames, GraphQLField First)>(StringComparer.Ordinal);
        foreach (var node in RootSelections(context, context.Operation.SelectionSet, []))
        {
            if (root.GetField(node.Name.StringValue) is not { } field || FieldLimits.MaxPerRequestOf(field) is null)
                continue;
            if (!byField.TryGetValue(field.Name, out var entry))
                byField[field.Name] = entry = (field, new HashSet<string>(StringComparer.Ordinal), node);
            entry.ResponseNames.Add(node.Alias?.Name.StringValue ?? node.Name.StringValue);
        }
        foreach (var (name, (field, responseNames, first)) in byField)
            if (FieldLimits.MaxPerRequestOf(field) is { } max && responseNames.Count > max)
                context.ReportError(new FieldLimitError(context, first, MaxPerRequestCode,
                    $"'{name}' may appear at most {max} time{(max == 1 ? "" : "s")} in one request; this one asks for it {responseNames.Count} times."));
        return default;
    }

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        // Only operations that would run take permits: a refused or malformed one costs the caller nothing here.
        if (context.HasErrors || RootOf(context) is not { } root)
            return default;
        var policies = new Dictionary<string, (RateLimitPolicy Policy, GraphQLField Node)>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in RootSelections(context, context.Operation.SelectionSet, []))
            if (root.GetField(node.Name.StringValue) is { } field && FieldLimits.RateLimitOf(field) is { } policy)
                policies.TryAdd(policy.Name, (policy, node));
        if (policies.Count == 0 || context.RequestServices is not { } services)
            return default;

        var limits = services.GetRequiredService<ClientRateLimits>();
        var client = services.GetService<ClientAddress>()?.PartitionKey ?? ClientAddress.Unknown;
        foreach (var (policy, node) in policies.Values)
        {
            var (acquired, retryAfter) = limits.TryAcquire(policy, client);
            if (!acquired)
            {
                context.ReportError(new RateLimitedError(context, node, retryAfter));
                break;
            }
        }
        return default;
    }

    private static IObjectGraphType? RootOf(ValidationContext context) => context.Operation.Operation switch
    {
        OperationType.Query => context.Schema.Query,
        OperationType.Mutation => context.Schema.Mutation,
        OperationType.Subscription => context.Schema.Subscription,
        _ => null,
    };

    private static IEnumerable<GraphQLField> RootSelections(ValidationContext context, GraphQLSelectionSet selections, HashSet<string> visitedFragments)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var field in RootSelections(context, inline.SelectionSet, visitedFragments))
                        yield return field;
                    break;
                case GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue):
                    if (context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                            .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue) is { } fragment)
                        foreach (var field in RootSelections(context, fragment.SelectionSet, visitedFragments))
                            yield return field;
                    break;
            }
        }
    }
}

internal sealed class FieldLimitError : ValidationError
{
    public FieldLimitError(ValidationContext context, ASTNode node, string code, string message)
        : base(context.Document.Source, null, message, node)
    {
        Code = code;
    }
}

/// <summary>The caller's address used up a policy's permits; over HTTP the endpoint answers 429 with Retry-After.</summary>
internal sealed class RateLimitedError : ValidationError
{
    public RateLimitedError(ValidationContext context, ASTNode node, TimeSpan retryAfter)
        : base(context.Document.Source, null,
            $"Too many requests from this address; try again in {RetryAfterSeconds(retryAfter)} s.", node)
    {
        Code = FieldLimitRule.RateLimitedCode;
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
