using GraphQL.Validation;
using GraphQLParser.AST;

namespace Inventory.BuildingBlocks.GraphQL.Http;

/// <summary>
/// Refuses, during validation (so before any resolver runs and without parsing the document a second time),
/// the operations plain HTTP does not carry: a mutation sent with GET (GET must stay safe; the endpoint answers
/// 405 with <c>Allow: POST</c>) and any subscription (served over WebSocket, graphql-transport-ws).
/// </summary>
internal sealed class HttpOperationRule : ValidationRuleBase
{
    public static readonly HttpOperationRule ForGet = new(isGet: true);
    public static readonly HttpOperationRule ForPost = new(isGet: false);

    private readonly bool _isGet;

    private HttpOperationRule(bool isGet) => _isGet = isGet;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation == OperationType.Mutation && _isGet)
            context.ReportError(new MutationOverGetError(context, operation));
        else if (operation.Operation == OperationType.Subscription)
            context.ReportError(new SubscriptionOverHttpError(context, operation));
        return default;
    }
}

/// <summary>A mutation in a GET request; the endpoint turns it into 405 with <c>Allow: POST</c>.</summary>
internal sealed class MutationOverGetError : ValidationError
{
    public MutationOverGetError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null, "Mutations are only accepted over POST.", operation)
    {
        Code = "METHOD_NOT_ALLOWED";
    }
}

internal sealed class SubscriptionOverHttpError : ValidationError
{
    public SubscriptionOverHttpError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null, "Subscriptions are served over WebSocket (graphql-transport-ws), not over HTTP requests.", operation)
    {
        Code = "SUBSCRIPTION_NOT_SUPPORTED";
    }
}
