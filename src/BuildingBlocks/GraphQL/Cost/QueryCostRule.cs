using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>
/// Calculates the operation's cost once its variables are known and refuses, before any resolver runs, an operation
/// with too many root fields (TOO_MANY_ROOT_FIELDS), one costlier than a request may be (MAX_COST_EXCEEDED), and one
/// that costs more than the caller's budget holds now (THROTTLED). It runs after every other rule's first pass, so
/// a request refused for another reason (access, syntax, complexity, or a login refused RATE_LIMITED by the field
/// limits, registered before this rule) costs its caller nothing and gets that reason only.
/// </summary>
public sealed class QueryCostRule : ValidationRuleBase
{
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string TooManyRootFields = "TOO_MANY_ROOT_FIELDS";
    public const string Throttled = "THROTTLED";

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        var services = context.RequestServices;
        var options = services?.GetService<IOptions<QueryCostOptions>>()?.Value ?? new QueryCostOptions();
        var arguments = context.ArgumentValues;
        var result = QueryCostCalculator.Calculate(context.Schema, context.Document, context.Operation,
            (field, name) => arguments is not null && arguments.TryGetValue(field, out var values) && values.TryGetValue(name, out var value) ? value.Value : null,
            options);

        var request = QueryCostRequest.Of(context.UserContext);
        if (request is not null)
            request.RequestedCost = result.Cost;
        var budgets = services?.GetService<QueryCostBudgets>();
        if (context.HasErrors)
        {
            // Already refused (the complexity analyzer, registered before this rule, reports in the same pass): one
            // reason is enough, and a refused request takes nothing from the budget.
            if (request is not null && budgets is not null)
                request.ThrottleStatus = budgets.StatusOf(request.Caller);
            return default;
        }

        if (result.RootFields > options.MaxRootFields)
            context.ReportError(new QueryCostError(context, context.Operation, TooManyRootFields,
                $"This operation selects {result.RootFields} root fields; at most {options.MaxRootFields} are allowed (each alias counts).",
                ("rootFields", result.RootFields), ("maxRootFields", options.MaxRootFields)));
        if (result.Cost > options.MaxCost)
            context.ReportError(new QueryCostError(context, context.Operation, MaxCostExceeded,
                $"This operation costs {result.Cost} points; a request may cost at most {options.MaxCost}.",
                ("cost", result.Cost), ("maxCost", options.MaxCost)));
        if (context.HasErrors || request is null || budgets is null)
        {
            if (request is not null && budgets is not null)
                request.ThrottleStatus = budgets.StatusOf(request.Caller);
            return default;
        }

        if (!budgets.TryConsume(request.Caller, result.Cost, out var status, out var retryAfter))
        {
            request.Throttled = true;
            request.RetryAfter = retryAfter;
            var wait = retryAfter is { } after ? $" Try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s." : "";
            context.ReportError(new QueryCostError(context, context.Operation, Throttled,
                $"Throttled: this operation costs {result.Cost} points and {status?.CurrentlyAvailable ?? 0} are available now.{wait}",
                ("cost", result.Cost), ("retryAfterSeconds", retryAfter is { } r ? Math.Max(1, (int)Math.Ceiling(r.TotalSeconds)) : null)));
        }
        request.ThrottleStatus = status;
        return default;
    }
}

/// <summary>A refusal of the cost rule; its figures go out beside the code in the error's <c>extensions</c>.</summary>
internal sealed class QueryCostError : ValidationError
{
    public QueryCostError(ValidationContext context, ASTNode node, string code, string message, params (string Key, object? Value)[] figures)
        : base(context.Document.Source, null, message, node)
    {
        Code = code;
        Extensions = figures.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value);
    }
}
