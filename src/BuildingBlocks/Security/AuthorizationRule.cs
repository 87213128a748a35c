using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// Checks every root field of the operation against who is calling, during validation: a refused request
/// runs no resolver at all. A root field without a declaration needs a Viewer (queries) or an Admin
/// (mutations), so a field someone forgets to declare is closed, not open.
/// </summary>
internal sealed class AuthorizationRule : ValidationRuleBase
{
    public static readonly AuthorizationRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        IObjectGraphType? root = operation.Operation switch
        {
            OperationType.Query => context.Schema.Query,
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => null,
        };
        if (root is not null)
            Check(context, root, operation.Operation, operation.SelectionSet, []);
        return default;
    }

    private static void Check(ValidationContext context, IObjectGraphType root, OperationType operation, GraphQLSelectionSet selections, HashSet<string> visitedFragments)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    CheckField(context, root, operation, field);
                    break;
                case GraphQLInlineFragment inline:
                    Check(context, root, operation, inline.SelectionSet, visitedFragments);
                    break;
                case GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue):
                    if (context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                            .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue) is { } fragment)
                        Check(context, root, operation, fragment.SelectionSet, visitedFragments);
                    break;
            }
        }
    }

    private static void CheckField(ValidationContext context, IObjectGraphType root, OperationType operation, GraphQLField node)
    {
        var name = node.Name.StringValue;
        var user = context.User;
        var authenticated = user?.Identity?.IsAuthenticated == true;
        if (name == "__typename")
            return;
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            if (!authenticated)
                context.ReportError(new AccessError(context, node, "UNAUTHENTICATED", "Introspection needs a signed-in caller."));
            return;
        }

        var field = root.GetField(name);
        if (field is null)
            return; // the core rules report unknown fields
        if (Access.IsAnonymous(field))
            return;
        if (Access.IsOperatorOnly(field))
        {
            if (!Access.IsOperator(user))
                context.ReportError(new AccessError(context, node, authenticated ? "FORBIDDEN" : "UNAUTHENTICATED", $"'{name}' is for platform operators."));
            return;
        }

        var required = Access.RequiredRole(field) ?? (operation == OperationType.Query ? PlatformRole.Viewer : PlatformRole.Admin);
        var role = Access.HighestRole(user);
        if (role is null)
            context.ReportError(new AccessError(context, node, authenticated ? "FORBIDDEN" : "UNAUTHENTICATED",
                authenticated ? $"'{name}' needs a user of a tenant." : $"'{name}' needs a signed-in user (Authorization: Bearer <token>)."));
        else if (role < required)
            context.ReportError(new AccessError(context, node, "FORBIDDEN", $"'{name}' needs the {required} role; this caller is {role}."));
    }
}

internal sealed class AccessError : ValidationError
{
    public AccessError(ValidationContext context, ASTNode node, string code, string message)
        : base(context.Document.Source, null, message, node)
    {
        Code = code;
    }
}
