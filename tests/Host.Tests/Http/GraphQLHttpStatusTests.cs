using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Inventory.BuildingBlocks.GraphQL.Http;
using Xunit;

namespace Inventory.Host.Tests.Http;

/// <summary>The status rule of <see cref="GraphQLHttpEndpoint.StatusCodeFor"/>, for the cases HTTP tests cannot provoke.</summary>
public sealed class GraphQLHttpStatusTests
{
    private const string GraphQLResponseJson = GraphQLHttpEndpoint.GraphQLResponseJson;
    private const string ApplicationJson = GraphQLHttpEndpoint.ApplicationJson;

    [Fact]
    public void NotExecuted_BecauseOfTheDocument_Is400_ForGraphQLResponseJson() =>
        Assert.Equal(400, GraphQLHttpEndpoint.StatusCodeFor(NotExecuted(new ValidationError("invalid")), GraphQLResponseJson));

    [Fact]
    public void NotExecuted_BecauseOfAnException_Is500_ForGraphQLResponseJson() =>
        Assert.Equal(500, GraphQLHttpEndpoint.StatusCodeFor(
            NotExecuted(new ValidationError("invalid"), new UnhandledError("Error executing document.", new InvalidOperationException())), GraphQLResponseJson));

    [Fact]
    public void NotExecuted_Is200_ForApplicationJson() =>
        Assert.Equal(200, GraphQLHttpEndpoint.StatusCodeFor(NotExecuted(new UnhandledError("Error executing document.", new InvalidOperationException())), ApplicationJson));

    [Fact]
    public void Executed_WithFieldErrors_Is200() =>
        Assert.Equal(200, GraphQLHttpEndpoint.StatusCodeFor(
            new ExecutionResult { Executed = true, Errors = [new ExecutionError("field failed")] }, GraphQLResponseJson));

    private static ExecutionResult NotExecuted(params ExecutionError[] errors)
    {
        var list = new ExecutionErrors();
        foreach (var error in errors)
            list.Add(error);
        return new ExecutionResult { Executed = false, Errors = list };
    }
}
