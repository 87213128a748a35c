using Inventory.TestKit;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.Host.Tests.Http;

/// <summary>
/// The GraphQL-over-HTTP contract of /graphql, request by request: methods, media types, size, depth and
/// complexity limits, tenants and the shape of errors. (Conformance as a whole is judged by
/// <see cref="GraphQLHttpAuditTests"/>.)
/// </summary>
public sealed class GraphQLHttpTests(HostFixture fixture) : HostTest(fixture)
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string ApplicationJson = "application/json";

    private GraphQLHttpOptions Limits => App.Services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;

    // ---- GET -----------------------------------------------------------------------------------

    [Fact]
    public async Task Get_Query_IsExecuted_AndAnswersGraphQLResponseJson()
    {
        var answer = await SendAsync(Get("{ products(first: 1) { totalCount } }"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(GraphQLResponseJson, answer.MediaType);
        Assert.Equal("utf-8", answer.Charset);
        Assert.Equal(0, answer.Body!["data"]!["products"]!["totalCount"]!.GetValue<int>());
        Assert.False(answer.Body.ContainsKey("errors"));
    }

    [Fact]
    public async Task Get_Mutation_IsRefusedWith405_AllowingOnlyPost_AndWritesNothing()
    {
        var answer = await SendAsync(Get("""mutation { createProduct(input: { sku: "GET-1", name: "Via GET" }) { product { id } } }"""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(["POST"], answer.Allow);
        AssertRequestError(answer, "METHOD_NOT_ALLOWED");
        Assert.Equal(0, await ProductCountAsync());
    }

    [Fact]
    public async Task Get_WithOperationNameSelectingTheMutation_IsRefusedWith405()
    {
        var document = """query Q { __typename } mutation M { createProduct(input: { sku: "GET-2", name: "Via GET" }) { product { id } } }""";

        var answer = await SendAsync(Get(document, operationName: "M"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(0, await ProductCountAsync());
    }

    [Fact]
    public async Task Get_WithOperationNameSelectingTheQuery_IsExecuted()
    {
        var document = """query Q { __typename } mutation M { createProduct(input: { sku: "GET-3", name: "Via GET" }) { product { id } } }""";

        var answer = await SendAsync(Get(document, operationName: "Q"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Query", answer.Body!["data"]!["__typename"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethods_AreRefusedWith405_AllowingGetAndPost(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/graphql") { Content = Json("""{"query":"{ __typename }"}""") };

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(["GET", "POST"], answer.Allow);
        AssertRequestError(answer, "METHOD_NOT_ALLOWED");
    }

    // ---- POST media types and size -------------------------------------------------------------

    [Fact]
    public async Task Post_WithoutContentType_IsRefusedWith415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        Assert.Null(content.Headers.ContentType);

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        AssertRequestError(answer, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_WithAnotherContentType_IsRefusedWith415(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        AssertRequestError(answer, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Post_WithJsonContentTypeAndUtf8Charset_IsExecuted()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=UTF-8");

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Query", answer.Body!["data"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_BodyOfExactlyMaxRequestBytes_IsExecuted()
    {
        var body = Padded("""{"query":"{ __typename }"}""", Limits.MaxRequestBytes);

        var answer = await SendAsync(Post(new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(ApplicationJson) } }));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Post_BodyOverMaxRequestBytes_IsRefusedWith413()
    {
        var body = Padded("""{"query":"{ __typename }"}""", Limits.MaxRequestBytes + 1);
        var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(ApplicationJson) } };
        Assert.Equal(body.Length, content.Headers.ContentLength);

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        AssertRequestError(answer, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task Post_ChunkedBodyOverMaxRequestBytes_WithoutContentLength_IsRefusedWith413()
    {
        var body = Padded("""{"query":"{ __typename }"}""", Limits.MaxRequestBytes + 1);
        var content = new UnknownLengthContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(ApplicationJson) } };
        Assert.Null(content.Headers.ContentLength);

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        AssertRequestError(answer, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task Post_ChunkedBodyWithinTheLimit_IsExecuted()
    {
        var content = new UnknownLengthContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}""")) { Headers = { ContentType = new MediaTypeHeaderValue(ApplicationJson) } };

        var answer = await SendAsync(Post(content));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("", "BAD_REQUEST")]
    [InlineData("{not json", "BAD_REQUEST")]
    [InlineData("[]", "BAD_REQUEST")]
    [InlineData("""{"query": 1}""", "BAD_REQUEST")]
    [InlineData("""{"query": "{ __typename }", "variables": "[]"}""", "BAD_REQUEST")]
    public async Task Post_MalformedRequest_IsRefusedWith400(string body, string code)
    {
        var answer = await SendAsync(Post(Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        AssertRequestError(answer, code);
    }

    // ---- Accept ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html, application/xhtml+xml")]
    [InlineData("application/json;q=0, text/html")]
    public async Task Accept_WithoutAJsonMediaType_IsRefusedWith406(string accept)
    {
        var request = Post(Json("""{"query":"{ __typename }"}"""), accept: null);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        AssertRequestError(answer, "NOT_ACCEPTABLE");
    }

    [Theory]
    [InlineData(null, ApplicationJson)]
    [InlineData("*/*", ApplicationJson)]
    [InlineData(ApplicationJson, ApplicationJson)]
    [InlineData(GraphQLResponseJson, GraphQLResponseJson)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("text/html, application/json;q=0.9", ApplicationJson)]
    public async Task Accept_ChoosesTheResponseMediaType(string? accept, string expected)
    {
        var request = Post(Json("""{"query":"{ __typename }"}"""), accept: null);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, answer.MediaType);
        Assert.Equal("utf-8", answer.Charset);
    }

    [Theory]
    [InlineData("{ noSuchField }")]           // validation error
    [InlineData("{ products(first: 1) { ")]   // parse error
    public async Task ApplicationJson_AnswersDocumentErrorsWith200(string query)
    {
        var answer = await SendAsync(Post(Json(JsonSerializer.Serialize(new { query })), accept: ApplicationJson));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(ApplicationJson, answer.MediaType);
        AssertGraphQLErrors(answer);
        Assert.False(answer.Body!.ContainsKey("data"));
    }

    [Theory]
    [InlineData("{ noSuchField }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ products(first: 1) { ", "SYNTAX_ERROR")]
    [InlineData("query Q($n: Int!) { products(first: $n) { totalCount } }", "INVALID_VALUE")]
    public async Task GraphQLResponseJson_AnswersDocumentErrorsWith400_WithoutData(string query, string code)
    {
        var answer = await SendAsync(Post(Json(JsonSerializer.Serialize(new { query })), accept: GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(GraphQLResponseJson, answer.MediaType);
        AssertGraphQLErrors(answer);
        Assert.Equal(code, answer.Body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(answer.Body.ContainsKey("data"));
    }

    // ---- depth and complexity ----------------------------------------------------------------------

    [Fact]
    public async Task OverDeepQuery_IsRefusedAtValidation_BeforeAnyResolverRuns()
    {
        // Only introspection nests without bound: __Type.ofType.ofType... goes as deep as asked.
        var tooDeep = "types { " + Nest("ofType", Limits.MaxDepth + 2, "name") + " }";
        var query = "{ products(first: 5) { totalCount nodes { id } } __schema { " + tooDeep + " } }";

        var (answer, commands) = await SendProbedAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body!.ContainsKey("data"), answer.Text);
        Assert.Equal("COMPLEXITY", SingleErrorCode(answer));
        Assert.Contains("depth", answer.Body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, commands);
    }

    [Fact]
    public async Task OverDeepQuery_ThroughNestedFragments_IsRefusedToo()
    {
        // The same depth, but each level behind its own fragment: fragments do not hide depth.
        var levels = Limits.MaxDepth + 2;
        var fragments = new StringBuilder();
        for (var i = 0; i < levels; i++)
            fragments.Append("fragment L").Append(i).Append(" on __Type { name ofType { ").Append(i + 1 < levels ? $"...L{i + 1}" : "name").Append(" } } ");
        var query = "{ products(first: 5) { totalCount } __schema { types { ...L0 } } } " + fragments;

        var (answer, commands) = await SendProbedAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body!.ContainsKey("data"), answer.Text);
        Assert.Equal("COMPLEXITY", SingleErrorCode(answer));
        Assert.Equal(0, commands);
    }

    [Fact]
    public async Task QueryJustWithinMaxDepth_IsExecuted_AndTheProbeSeesItsDatabaseCommands()
    {
        // The control for the refusals above: a query that is allowed does reach the database, and the
        // probe counts it, so "0 commands" there means something.
        var query = "{ products(first: 5) { totalCount nodes { id } } __schema { types { " + Nest("ofType", Limits.MaxDepth - 4, "name") + " } } }";

        var (answer, commands) = await SendProbedAsync(query);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(0, answer.Body!["data"]!["products"]!["totalCount"]!.GetValue<int>());
        Assert.True(commands > 0, "the probe saw no database command of an executed query");
    }

    [Fact]
    public async Task TooComplexQuery_ManyAliases_IsRefusedAtValidation_BeforeAnyResolverRuns()
    {
        // Each alias costs at least 2 (products + totalCount): one more alias than the budget allows.
        var aliases = Limits.MaxComplexity / 2 + 1;
        var query = new StringBuilder("{");
        for (var i = 0; i < aliases; i++)
            query.Append(" p").Append(i).Append(": products(first: 1) { totalCount }");
        query.Append(" }");
        Assert.True(query.Length < Limits.MaxRequestBytes - 100, "the query must fit the body limit, or 413 would answer");

        var (answer, commands) = await SendProbedAsync(query.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body!.ContainsKey("data"), answer.Text[..Math.Min(500, answer.Text.Length)]);
        Assert.Equal("COMPLEXITY", SingleErrorCode(answer));
        Assert.Contains("complexity", answer.Body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, commands);
    }

    [Fact]
    public async Task TooComplexMutation_ManyAliases_IsRefused_AndWritesNothing()
    {
        // Each alias costs at least 3 (createProduct + product + id).
        var aliases = Limits.MaxComplexity / 3 + 1;
        var mutation = new StringBuilder("mutation {");
        for (var i = 0; i < aliases; i++)
            mutation.Append(" c").Append(i).Append(": createProduct(input: { sku: \"C-").Append(i).Append("\", name: \"n\" }) { product { id } }");
        mutation.Append(" }");
        Assert.True(mutation.Length < Limits.MaxRequestBytes - 100, "the mutation must fit the body limit, or 413 would answer");

        var answer = await SendAsync(Post(Json(JsonSerializer.Serialize(new { query = mutation.ToString() }))));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body!.ContainsKey("data"));
        Assert.Equal("COMPLEXITY", SingleErrorCode(answer));
        Assert.Equal(0, await ProductCountAsync());
    }

    // ---- tenants and the error shape -----------------------------------------------------------

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(ApplicationJson)]
    public async Task UnknownTenant_IsRefusedWith404_TenantNotFound(string accept)
    {
        var request = Post(Json("""{"query":"{ products(first: 1) { totalCount } }"}"""), accept);
        request.Headers.Add("X-Tenant", "no-such-tenant");

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(accept, answer.MediaType);
        AssertRequestError(answer, "TENANT_NOT_FOUND");
        Assert.Contains("no-such-tenant", answer.Body!["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task KnownTenant_InXTenant_IsServed()
    {
        var request = Post(Json("""{"query":"{ products(first: 1) { totalCount } }"}"""));
        request.Headers.Add("X-Tenant", App.Tenants[^1]);

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(0, answer.Body!["data"]!["products"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task FieldErrors_AreAnsweredWith200_WithDataAndErrorsCarryingMessageAndCode()
    {
        // The document is valid; the resolver refuses the value: a field error once execution started, so the
        // request is not at fault as a whole and the answer keeps its data entry (null here, as products is non-null).
        var answer = await SendAsync(Post(Json("""{"query":"{ products(first: -1) { totalCount } }"}"""), accept: GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Body!.ContainsKey("data"), answer.Text);
        AssertGraphQLErrors(answer);
        Assert.Equal(["products"], answer.Body["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Subscription_OverHttp_IsRefusedWith400_WithoutData(string method)
    {
        const string query = "subscription { __typename }";

        var answer = await SendAsync(method == "GET" ? Get(query) : Post(Json(JsonSerializer.Serialize(new { query }))));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body!.ContainsKey("data"), answer.Text);
        AssertGraphQLErrors(answer);
        Assert.Equal("SUBSCRIPTION_NOT_SUPPORTED", answer.Body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string? Charset, string[] Allow, JsonObject? Body, string Text);

    private HttpRequestMessage Get(string query, string? operationName = null, string accept = GraphQLResponseJson)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query);
        if (operationName is not null)
            url += "&operationName=" + Uri.EscapeDataString(operationName);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static HttpRequestMessage Post(HttpContent content, string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static ByteArrayContent Json(string body) =>
        new(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue(ApplicationJson) } };

    /// <summary>A JSON body padded with trailing whitespace (still valid JSON) to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(string json, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        padded.AsSpan(bytes.Length).Fill((byte)' ');
        return padded;
    }

    private static string Nest(string field, int levels, string leaf)
    {
        var text = new StringBuilder();
        for (var i = 0; i < levels; i++)
            text.Append(field).Append(" { ");
        text.Append(leaf);
        for (var i = 0; i < levels; i++)
            text.Append(" }");
        return text.ToString();
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        // No redirect handler: it would buffer the body into a content of known length, and the chunked
        // tests must reach the endpoint without Content-Length.
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // As a signed-in user of the tenant the request names (these tests are about the transport, not access).
        if (request.Headers.Authorization is null)
        {
            var tenant = request.Headers.TryGetValues("X-Tenant", out var named) ? named.First() : App.Tenants[0];
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(tenant));
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        if (text.Length > 0)
        {
            try { body = JsonNode.Parse(text) as JsonObject; }
            catch (JsonException) { }
        }
        return new Answer(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet,
            [.. response.Content.Headers.Allow.SelectMany(a => a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
            body,
            text);
    }

    private async Task<(Answer Answer, int DatabaseCommands)> SendProbedAsync(string query)
    {
        using var probe = new DatabaseCommandProbe();
        var answer = await SendAsync(probe.Tag(Post(Json(JsonSerializer.Serialize(new { query })))));
        return (answer, probe.Commands);
    }

    private async Task<int> ProductCountAsync() =>
        (await App.GraphQL().QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>();

    private static string? SingleErrorCode(Answer answer)
    {
        var errors = Assert.IsType<JsonArray>(answer.Body!["errors"]);
        Assert.True(errors.Count == 1, answer.Text[..Math.Min(1000, answer.Text.Length)]);
        return errors[0]!["extensions"]?["code"]?.GetValue<string>();
    }

    /// <summary>A refusal by the transport: only <c>errors</c>, one error with a message and our code.</summary>
    private static void AssertRequestError(Answer answer, string code)
    {
        Assert.NotNull(answer.Body);
        Assert.Equal(["errors"], answer.Body.Select(p => p.Key));
        var error = Assert.Single(Assert.IsType<JsonArray>(answer.Body["errors"]));
        Assert.False(string.IsNullOrWhiteSpace(error!["message"]?.GetValue<string>()), answer.Text);
        Assert.Equal(code, error["extensions"]?["code"]?.GetValue<string>());
    }

    /// <summary>GraphQL errors in the spec's shape: a non-empty list, each with a message and a code.</summary>
    private static void AssertGraphQLErrors(Answer answer)
    {
        Assert.NotNull(answer.Body);
        var errors = Assert.IsType<JsonArray>(answer.Body["errors"]);
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error!["message"]?.GetValue<string>()), answer.Text);
            Assert.False(string.IsNullOrWhiteSpace(error["extensions"]?["code"]?.GetValue<string>()), answer.Text);
        }
    }

    /// <summary>A body whose length is not known up front: sent without Content-Length (chunked).</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
