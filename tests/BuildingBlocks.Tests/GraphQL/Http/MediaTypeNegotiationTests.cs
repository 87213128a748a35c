using Inventory.BuildingBlocks.GraphQL.Http;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Http;

public sealed class MediaTypeNegotiationTests
{
    private const string Json = GraphQLHttpEndpoint.ApplicationJson;
    private const string GraphQLResponse = GraphQLHttpEndpoint.GraphQLResponseJson;

    private static string? Negotiate(string? accept)
    {
        var http = new DefaultHttpContext();
        if (accept is not null)
            http.Request.Headers.Accept = accept;
        return GraphQLHttpEndpoint.NegotiateMediaType(http.Request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NegotiateMediaType_WhenAcceptIsMissing_AnswersApplicationJson(string? accept) =>
        Assert.Equal(Json, Negotiate(accept));

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/html, */*;q=0.8")]
    public void NegotiateMediaType_WhenJsonOrAWildcardIsAccepted_AnswersApplicationJson(string accept) =>
        Assert.Equal(Json, Negotiate(accept));

    [Theory]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9")]
    [InlineData("application/json;q=0.9, application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json")]
    [InlineData("application/graphql-response+json, */*")]
    [InlineData("text/html, application/graphql-response+json")]
    public void NegotiateMediaType_WhenGraphQLResponseJsonIsListedAtTheBestQuality_PrefersIt(string accept) =>
        Assert.Equal(GraphQLResponse, Negotiate(accept));

    // Equal quality leaves the choice to the server; it follows the order the client listed them in.
    [Theory]
    [InlineData("application/json, application/graphql-response+json")]
    [InlineData("*/*, application/graphql-response+json")]
    public void NegotiateMediaType_WhenJsonIsListedFirstAtEqualQuality_FollowsTheClientsOrder(string accept) =>
        Assert.Equal(Json, Negotiate(accept));

    [Theory]
    [InlineData("application/json;q=1, application/graphql-response+json;q=0.5", Json)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/json;q=0.1, application/graphql-response+json;q=0.2", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0, application/json", Json)]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0.3", GraphQLResponse)]
    public void NegotiateMediaType_RespectsQualityValues(string accept, string expected) =>
        Assert.Equal(expected, Negotiate(accept));

    // q=0 means "not acceptable" (RFC 9110 §12.5.1), and the more specific range wins over a wildcard.
    [Theory]
    [InlineData("application/json;q=0, */*")]
    [InlineData("application/json;q=0, application/*")]
    public void NegotiateMediaType_WhenJsonIsRefusedButAWildcardIsAccepted_AnswersGraphQLResponseJson(string accept) =>
        Assert.Equal(GraphQLResponse, Negotiate(accept));

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html, application/xml")]
    [InlineData("application/json;q=0")]
    [InlineData("application/graphql-response+json;q=0, */*;q=0")]
    public void NegotiateMediaType_WhenNoJsonIsAcceptable_AnswersNull(string accept) =>
        Assert.Null(Negotiate(accept));
}
