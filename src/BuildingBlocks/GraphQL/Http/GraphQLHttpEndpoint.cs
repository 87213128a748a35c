using Inventory.BuildingBlocks.Persistence;
using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Inventory.BuildingBlocks.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP draft spec, as judged by the graphql-http audit suite):
/// POST with application/json bodies, GET with URL parameters (queries only), and the answer in
/// application/graphql-response+json (4xx on request errors) or application/json (200 on GraphQL errors)
/// as the client's Accept header asks. A WebSocket upgrade on the same path is GraphQL over WebSocket
/// (graphql-transport-ws, <see cref="GraphQLWebSocketEndpoint"/>).
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string ApplicationJson = "application/json";

    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.Map(pattern, HandleAsync).WithDisplayName("GraphQL over HTTP");

    private static readonly IValidationRule[] CachedGetRules = [HttpOperationRule.ForGet, AuthorizationRule.Instance];
    private static readonly IValidationRule[] CachedPostRules = [HttpOperationRule.ForPost, AuthorizationRule.Instance];
    private static readonly IValidationRule[] GetRules = [.. DocumentValidator.CoreRules, .. CachedGetRules];
    private static readonly IValidationRule[] PostRules = [.. DocumentValidator.CoreRules, .. CachedPostRules];

    private static async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await GraphQLWebSocketEndpoint.HandleAsync(http);
            return;
        }
        var options = http.RequestServices.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, ApplicationJson, "Only GET and POST are supported.", "METHOD_NOT_ALLOWED");
            return;
        }

        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status406NotAcceptable, ApplicationJson,
                $"Accept {GraphQLResponseJson} or {ApplicationJson}.", "NOT_ACCEPTABLE");
            return;
        }

        var parsed = isGet ? ReadGet(http.Request, options) : await ReadPostAsync(http.Request, options);
        if (parsed.Error is { } error)
        {
            await WriteRequestErrorAsync(http, error.Status, mediaType, error.Message, error.Code);
            return;
        }
        var request = parsed.Request!;
        http.RequestServices.GetRequiredService<ClientAddress>().Set(http.Connection.RemoteIpAddress);

        // Who is calling: a bearer token (a tenant user) or the operator key. A token that is present but
        // invalid (expired, tampered, signed by someone else) is refused, never taken as anonymous.
        var operatorKeys = http.RequestServices.GetRequiredService<OperatorKeyGuard>();
        var presentsOperatorKey = OperatorKeyGuard.Presents(http);
        bool authenticated;
        try
        {
            authenticated = await CallerAuthentication.AuthenticateAsync(http);
        }
        catch (Exception ex) when (DbErrors.IsUnavailable(ex))
        {
            // A token's user is read from the tenant's database (its security stamp): unreachable, nothing runs.
            await WriteRequestErrorAsync(http, StatusCodes.Status503ServiceUnavailable, mediaType,
                "The database is unavailable; nothing was changed. Try again shortly.", DatabaseUnavailableCode);
            return;
        }
        if (presentsOperatorKey && operatorKeys.IsLimited(http, wrongKey: !authenticated, out var retryAfter))
        {
            OperatorKeyGuard.WriteRetryAfter(http, retryAfter);
            await WriteRequestErrorAsync(http, StatusCodes.Status429TooManyRequests, mediaType, "Too many wrong operator keys from this address; try again later.", "TOO_MANY_REQUESTS");
            return;
        }
        if (!authenticated)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status401Unauthorized, mediaType, CallerAuthentication.RefusalMessage(http), "UNAUTHENTICATED");
            return;
        }

        var tenantResolution = await http.RequestServices.GetRequiredService<ITenantResolver>().ResolveAsync(http, http.RequestAborted);
        if (tenantResolution.Status == TenantResolutionStatus.Mismatch)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status403Forbidden, mediaType,
                $"The request names tenant '{tenantResolution.RequestedId}', but its token belongs to another tenant.", "FORBIDDEN");
            return;
        }
        if (tenantResolution.Status == TenantResolutionStatus.NotFound)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status404NotFound, mediaType, $"Tenant '{tenantResolution.RequestedId}' was not found.", "TENANT_NOT_FOUND");
            return;
        }
        if (tenantResolution.Tenant is { Status: not TenantStatus.Active } unavailable)
        {
            var (status, code, message) = unavailable.Status == TenantStatus.Suspended
                ? (StatusCodes.Status403Forbidden, "TENANT_SUSPENDED", $"Tenant '{unavailable.Id}' is suspended.")
                : (StatusCodes.Status503ServiceUnavailable, "TENANT_NOT_READY", $"Tenant '{unavailable.Id}' is not ready yet ({unavailable.Status.ToString().ToUpperInvariant()}).");
            await WriteRequestErrorAsync(http, status, mediaType, message, code);
            return;
        }
        if (tenantResolution.Tenant is not null)
            http.RequestServices.GetRequiredService<TenantContext>().Set(tenantResolution.Tenant);

        // Every log line of the request carries the tenant (the trace and span ids come from the activity).
        using var logScope = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Inventory.GraphQL")
            .BeginScope(new Dictionary<string, object?> { ["TenantId"] = tenantResolution.Tenant?.Id });

        var cost = QueryCostRequest.For(http.User, tenantResolution.Tenant?.Id, http.Connection.RemoteIpAddress);
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<InventorySchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            UserContext = cost.UserContext(),
            CancellationToken = http.RequestAborted,
            // The builder's rules (complexity and depth, text, field limits, cost, introspection) are appended to these.
            ValidationRules = isGet ? GetRules : PostRules,
            // A cached document (ADR 20) skips the standard rules, never these: the method and the caller's access.
            CachedDocumentValidationRules = isGet ? CachedGetRules : CachedPostRules,
        });

        if (!result.Executed && result.Errors?.Any(e => e is MutationOverGetError) == true)
        {
            http.Response.Headers.Allow = "POST";
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }
        else if (!result.Executed && result.Errors?.OfType<RateLimitedError>().FirstOrDefault() is { } limited)
        {
            http.Response.Headers.RetryAfter = RateLimitedError.RetryAfterSeconds(limited.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        else if (cost.Throttled)
        {
            // The caller's budget is spent: 429 with the time it takes to refill enough (ADR 15).
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (cost.RetryAfter is { } after)
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            http.Response.StatusCode = StatusCodeFor(result, mediaType);
        }
        cost.AddTo(result);
        http.Response.ContentType = mediaType + "; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    public const string DatabaseUnavailableCode = "DATABASE_UNAVAILABLE";

    /// <summary>
    /// Writes choose consistency: when the tenant's database cannot be reached, a field fails at once with a code a
    /// client can act on (nothing was applied; retry, with the same idempotency key for stock writes) instead of a
    /// generic resolver error.
    /// </summary>
    internal static void MapDatabaseUnavailable(UnhandledExceptionContext context)
    {
        if (DbErrors.IsUnavailable(context.OriginalException))
            context.Exception = new ExecutionError("The database is unavailable; nothing was changed. Try again shortly.") { Code = DatabaseUnavailableCode };
    }

    /// <summary>
    /// The status of a request handed to the executer. With application/json every GraphQL response is a 200. With
    /// graphql-response+json a request that never executed is a 400 when the request was at fault (parse,
    /// validation, depth or complexity, variable coercion, operation selection) and a 500 when the server was
    /// (an exception before execution); once execution started, field errors ride along with data in a 200.
    /// </summary>
    public static int StatusCodeFor(ExecutionResult result, string mediaType)
    {
        if (mediaType != GraphQLResponseJson || result.Executed)
            return StatusCodes.Status200OK;
        return result.Errors?.All(e => e is DocumentError) != false
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status500InternalServerError;
    }

    internal static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString()))
            return ApplicationJson;
        // What clients send nearly always: one type and no parameters, answered without parsing the header.
        if (accept.Count == 1 && accept[0] is { } only)
        {
            if (only.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
                return GraphQLResponseJson;
            if (only.Equals(ApplicationJson, StringComparison.OrdinalIgnoreCase) || only == "*/*")
                return ApplicationJson;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out var values) || values.Count == 0)
            return ApplicationJson;

        // A type listed with q=0 is refused, even when a wildcard would otherwise cover it.
        bool Refused(string media) => values.Any(v => v.Quality == 0 && string.Equals(v.MediaType.Value, media, StringComparison.OrdinalIgnoreCase));

        foreach (var value in values.Where(v => v.Quality != 0).OrderByDescending(v => v.Quality ?? 1.0))
        {
            var media = value.MediaType.Value ?? "";
            if (media.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
                return GraphQLResponseJson;
            if (media.Equals(ApplicationJson, StringComparison.OrdinalIgnoreCase))
                return ApplicationJson;
            if (media.Equals("application/*", StringComparison.OrdinalIgnoreCase) || media.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                if (!Refused(ApplicationJson))
                    return ApplicationJson;
                if (!Refused(GraphQLResponseJson))
                    return GraphQLResponseJson;
            }
        }
        return null;
    }

    private sealed record RequestError(int Status, string Message, string Code);

    private sealed record ParsedRequest(GraphQLRequest? Request, RequestError? Error)
    {
        public static ParsedRequest Fail(string message, int status = StatusCodes.Status400BadRequest, string code = "BAD_REQUEST") =>
            new(null, new RequestError(status, message, code));
    }

    private static ParsedRequest ReadGet(HttpRequest request, GraphQLHttpOptions options)
    {
        if (request.QueryString.HasValue && request.QueryString.Value!.Length > options.MaxQueryStringLength)
            return ParsedRequest.Fail("The query string is too long.", StatusCodes.Status414UriTooLong, "REQUEST_TOO_LARGE");

        var query = request.Query["query"].ToString();
        if (string.IsNullOrWhiteSpace(query))
            return ParsedRequest.Fail("The 'query' parameter is required.");

        var variables = ParseJsonObjectParameter(request.Query["variables"].ToString(), "variables", out var variablesError);
        if (variablesError is not null)
            return ParsedRequest.Fail(variablesError);
        var extensions = ParseJsonObjectParameter(request.Query["extensions"].ToString(), "extensions", out var extensionsError);
        if (extensionsError is not null)
            return ParsedRequest.Fail(extensionsError);

        var operationName = request.Query["operationName"].ToString();
        return Build(request, query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions);
    }

    private static async Task<ParsedRequest> ReadPostAsync(HttpRequest request, GraphQLHttpOptions options)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !string.Equals(contentType.MediaType.Value, ApplicationJson, StringComparison.OrdinalIgnoreCase))
            return ParsedRequest.Fail($"POST bodies must be {ApplicationJson}.", StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return ParsedRequest.Fail("Only utf-8 request bodies are supported.", StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        if (request.ContentLength > options.MaxRequestBytes)
            return ParsedRequest.Fail("The request body is too large.", StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE");

        // Read at most one byte past the limit: bodies without a Content-Length are bounded too. The body goes into a
        // pooled buffer (returned once the JSON document over it is disposed), not a new one per request.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength + 1 ?? 4096, options.MaxRequestBytes + 1L));
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
                if (length > options.MaxRequestBytes)
                    return ParsedRequest.Fail("The request body is too large.", StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE");
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, options.MaxRequestBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            if (length == 0)
                return ParsedRequest.Fail("The request body is empty.");
            return ParseBody(request, buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ParsedRequest ParseBody(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ParsedRequest.Fail("The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ParsedRequest.Fail("The request body must be a JSON object.");
            if (!root.TryGetProperty("query", out var queryElement) || queryElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(queryElement.GetString()))
                return ParsedRequest.Fail("The 'query' parameter must be a non-empty string.");

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var operationElement) && operationElement.ValueKind != JsonValueKind.Null)
            {
                if (operationElement.ValueKind != JsonValueKind.String)
                    return ParsedRequest.Fail("The 'operationName' parameter must be a string or null.");
                operationName = operationElement.GetString();
            }

            string? variables = null;
            if (root.TryGetProperty("variables", out var variablesElement) && variablesElement.ValueKind != JsonValueKind.Null)
            {
                if (variablesElement.ValueKind != JsonValueKind.Object)
                    return ParsedRequest.Fail("The 'variables' parameter must be an object or null.");
                variables = variablesElement.GetRawText();
            }

            string? extensions = null;
            if (root.TryGetProperty("extensions", out var extensionsElement) && extensionsElement.ValueKind != JsonValueKind.Null)
            {
                if (extensionsElement.ValueKind != JsonValueKind.Object)
                    return ParsedRequest.Fail("The 'extensions' parameter must be an object or null.");
                extensions = extensionsElement.GetRawText();
            }

            return Build(request, queryElement.GetString()!, operationName, variables, extensions);
        }
    }

    private static string? ParseJsonObjectParameter(string raw, string name, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(raw))
            return null;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
                return null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                error = $"The '{name}' parameter must be a JSON object.";
            return raw;
        }
        catch (JsonException)
        {
            error = $"The '{name}' parameter is not valid JSON.";
            return null;
        }
    }

    private static ParsedRequest Build(HttpRequest http, string query, string? operationName, string? variablesJson, string? extensionsJson)
    {
        var serializer = http.HttpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        try
        {
            return new ParsedRequest(new GraphQLRequest
            {
                Query = query,
                OperationName = operationName,
                Variables = variablesJson is null ? null : serializer.Deserialize<Inputs>(variablesJson),
                Extensions = extensionsJson is null ? null : serializer.Deserialize<Inputs>(extensionsJson),
            }, null);
        }
        catch (JsonException)
        {
            return ParsedRequest.Fail("The 'variables' or 'extensions' parameter could not be read.");
        }
    }

    private static async Task WriteRequestErrorAsync(HttpContext http, int status, string mediaType, string message, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            errors = new[] { new { message, extensions = new { code } } },
        }, cancellationToken: http.RequestAborted);
    }
}
