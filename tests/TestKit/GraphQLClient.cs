using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inventory.TestKit;

public sealed record GraphQLResponse(int Status, JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];
    public JsonArray? Errors => Body?["errors"] as JsonArray;
    public bool HasErrors => Errors is { Count: > 0 };

    /// <summary>The data, after checking that the request raised no GraphQL error.</summary>
    public JsonNode Ok()
    {
        if (HasErrors || Data is null)
            throw new Xunit.Sdk.XunitException($"GraphQL errors (HTTP {Status}): {Body?.ToJsonString()}");
        return Data;
    }

    public string? FirstErrorCode => Errors?.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();
}

/// <summary>
/// Talks to /graphql as a client would: POST application/json, answers read as JSON; with a bearer token
/// (a tenant user), the operator key, or neither (anonymous).
/// </summary>
public sealed class GraphQLClient(HttpClient http, string? tenant = null, string? bearerToken = null, string? operatorKey = null)
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? operationName = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (tenant is not null)
            request.Headers.Add("X-Tenant", tenant);
        if (bearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        if (operatorKey is not null)
            request.Headers.Add("X-Operator-Key", operatorKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try { body = JsonNode.Parse(text); }
            catch (JsonException) { body = JsonValue.Create(text); }
        }
        return new GraphQLResponse((int)response.StatusCode, body);
    }

    public async Task<JsonNode> QueryAsync(string query, object? variables = null) => (await SendAsync(query, variables)).Ok();
}
