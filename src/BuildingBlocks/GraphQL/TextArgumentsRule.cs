using System.Collections;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Inventory.BuildingBlocks.Validation;

namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>
/// Refuses NUL (U+0000) and half of a surrogate pair in every argument of every field, literal or variable, before any
/// resolver runs: PostgreSQL cannot store or compare them, so one in a filter or an id would otherwise end as a
/// database error. The
/// <c>input</c> argument of a mutation is left to the mutation, whose shared validation path
/// (<see cref="ValidationExtensions.ValidateToUserErrorsAsync{T}"/>) answers a user error (INVALID_CHARACTERS, with
/// the field) for NUL and the other refused characters, and writes nothing.
/// </summary>
public sealed class TextArgumentsRule : ValidationRuleBase
{
    public const string MutationInputArgument = "input";

    /// <summary>
    /// The rule for a cached document (ADR 20), whose literals passed this rule when it was first validated: only this
    /// request's variables can hold a NUL, so the document is walked (to name the argument) only when one does.
    /// </summary>
    internal static readonly TextArgumentsRule ForCachedDocuments = new(literalsChecked: true);

    private readonly bool _literalsChecked;

    public TextArgumentsRule() { }

    private TextArgumentsRule(bool literalsChecked) => _literalsChecked = literalsChecked;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (_literalsChecked && !(context.Variables?.Any(v => ContainsNul(v.Value, 0)) ?? false))
            return default;
        return new(Visitor);
    }

    private static readonly INodeVisitor Visitor =
        new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
        {
            var field = ctx.TypeInfo.GetFieldDef();
            if (ctx.TypeInfo.GetDirective() is null && field is not null && argument.Name.Value.Span.SequenceEqual(MutationInputArgument)
                && ctx.Schema.Mutation is { } mutation && ctx.TypeInfo.GetParentType() is IObjectGraphType parent && parent == mutation)
                return;
            var path = $"{field?.Name ?? "?"}.{argument.Name.StringValue}";
            if (FindNul(argument.Value, ctx, path) is { } where)
                ctx.ReportError(new InvalidCharactersError(ctx, argument, where));
        });

    private static string? FindNul(GraphQLValue value, ValidationContext context, string path) => value switch
    {
        GraphQLStringValue text => !TextRules.IsStorable(text.Value.Span) ? path : null,
        GraphQLListValue list => list.Values?.Select((item, i) => FindNul(item, context, $"{path}[{i}]")).FirstOrDefault(p => p is not null),
        GraphQLObjectValue obj => obj.Fields?.Select(f => FindNul(f.Value, context, $"{path}.{f.Name.StringValue}")).FirstOrDefault(p => p is not null),
        GraphQLVariable variable => context.Variables is { } variables && variables.TryGetValue(variable.Name.StringValue, out var raw) ? FindNul(raw, path, 0) : null,
        _ => null,
    };

    private static string? FindNul(object? raw, string path, int depth)
    {
        if (depth > 32)
            return null;
        switch (raw)
        {
            case string text:
                return !TextRules.IsStorable(text) ? path : null;
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map)
                    if ((!TextRules.IsStorable(key) ? path : FindNul(item, $"{path}.{key}", depth + 1)) is { } found)
                        return found;
                return null;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                    if (FindNul(item, $"{path}[{i++}]", depth + 1) is { } found)
                        return found;
                return null;
            default:
                return null;
        }
    }

    private static bool ContainsNul(object? raw, int depth)
    {
        if (depth > 32)
            return false;
        switch (raw)
        {
            case string text:
                return !TextRules.IsStorable(text);
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map)
                    if (!TextRules.IsStorable(key) || ContainsNul(item, depth + 1))
                        return true;
                return false;
            case IEnumerable list:
                foreach (var item in list)
                    if (ContainsNul(item, depth + 1))
                        return true;
                return false;
            default:
                return false;
        }
    }

    private sealed class InvalidCharactersError : ValidationError
    {
        public InvalidCharactersError(ValidationContext context, GraphQLArgument argument, string field)
            : base(context.Document.Source, null, $"The argument {field} holds a character that is not allowed (U+0000 or half of a surrogate pair).", argument)
        {
            Code = TextRules.InvalidCharactersCode;
            Data["field"] = field;
        }
    }
}
