using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: connection_init (authentication and tenant, once), ping/pong both ways,
/// subscribe/next/error/complete per operation, and the protocol's close codes.
/// <para>
/// Concurrency: one receive loop handles the client's messages in order; every message to the client goes through
/// one bounded channel read by one send loop (the only writer of the socket). A client that does not read lets that
/// channel fill and is closed (1013) instead of making the host buffer for it. Each operation executes in its own
/// DI scope carrying the connection's tenant and user, and that scope lives as long as the operation (a subscription
/// resolves every event in it).
/// </para>
/// </summary>
internal sealed class GraphQLWebSocketConnection
{
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText PayloadProperty = JsonEncodedText.Encode("payload");

    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly GraphQLWebSocketOptions _options;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly IServiceScopeFactory _scopes;
    private readonly GraphQLWebSocketConnections _connections;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly Channel<byte[]> _outgoing;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenSource _sendAbort = new();
    private readonly CancellationTokenSource _receiveAbort = new();
    private readonly Lock _gate = new();

    private bool _initReceived;
    private volatile bool _acknowledged;
    private bool _holdsTenantSlot;
    private bool _holdsAnonymousSlot;
    private ClaimsPrincipal _user = new(new ClaimsIdentity());
    private TenantInfo? _tenant;
    private DateTimeOffset? _tokenExpires;
    private (int Code, string Reason)? _close;
    private volatile bool _discardPending;

    public GraphQLWebSocketConnection(HttpContext http, WebSocket socket)
    {
        _http = http;
        _socket = socket;
        var services = http.RequestServices;
        _options = services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value;
        _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _connections = services.GetRequiredService<GraphQLWebSocketConnections>();
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Inventory.GraphQL.WebSockets");
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Max(1, _options.MaxBufferedMessages))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: a full channel answers false, never waits
        });
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    }

    public async Task RunAsync()
    {
        var send = Task.Run(SendLoopAsync);
        var initTimeout = CloseUnlessInitialisedAsync();
        var keepAlive = KeepAliveAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away, or did not answer our close in time: the socket is aborted below.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL WebSocket connection failed");
            Close(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error");
        }
        finally
        {
            Close(GraphQLWebSocketCloseCodes.Normal, "");
            foreach (var operation in _operations.Values)
                Finish(operation);
            await _lifetime.CancelAsync();
            await Task.WhenAll(initTimeout, keepAlive);
            // The close frame goes out if the socket still takes it; a socket that does not is cut off.
            if (await Task.WhenAny(send, Task.Delay(_options.CloseTimeout)) != send || _socket.State is not WebSocketState.Closed)
                _socket.Abort();
            if (_holdsTenantSlot)
                _connections.Release(_tenant?.Id);
            if (_holdsAnonymousSlot)
                _connections.ReleaseAnonymous(_http.Connection.RemoteIpAddress);
            _lifetime.Dispose();
            _sendAbort.Dispose();
            _receiveAbort.Dispose();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving
    // ---------------------------------------------------------------------------------------------------------

    private async Task ReceiveLoopAsync()
    {
        var chunk = new byte[8 * 1024];
        var message = new ArrayBufferWriter<byte>(8 * 1024);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            var tooBig = false;
            do
            {
                received = await _socket.ReceiveAsync(chunk.AsMemory(), _receiveAbort.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // The client closes (or answers our close): answer with its code, then stop.
                    Close((int?)_socket.CloseStatus ?? GraphQLWebSocketCloseCodes.Normal, "");
                    return;
                }
                if (message.WrittenCount + received.Count > _options.MaxMessageBytes)
                    tooBig = true;
                else
                    message.Write(chunk.AsSpan(0, received.Count));
            }
            while (!received.EndOfMessage);

            if (IsClosing)
                continue; // wait for the client's answer to our close, ignoring what it still sends
            if (tooBig)
                Close(GraphQLWebSocketCloseCodes.MessageTooBig, $"Message larger than {_options.MaxMessageBytes} bytes");
            else if (received.MessageType != WebSocketMessageType.Text)
                Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: binary messages are not supported");
            else
                await HandleMessageAsync(message.WrittenMemory);
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: not JSON");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: a message is an object with a string 'type'");
                return;
            }
            JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p : null;
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;

            switch (typeElement.GetString())
            {
                case MessageTypes.ConnectionInit:
                    if (payload is { ValueKind: not JsonValueKind.Object })
                        Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: connection_init's payload must be an object");
                    else
                        await InitialiseAsync(payload);
                    break;
                case MessageTypes.Ping:
                    Enqueue(Message(MessageTypes.Pong, null, payload is { ValueKind: JsonValueKind.Object } echo ? echo.GetRawText() : null));
                    break;
                case MessageTypes.Pong:
                    break;
                case MessageTypes.Subscribe:
                    if (!_acknowledged)
                        Close(GraphQLWebSocketCloseCodes.Unauthorized, "Unauthorized");
                    else if (string.IsNullOrEmpty(id) || payload is not { ValueKind: JsonValueKind.Object } request)
                        Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: subscribe needs an 'id' and an object 'payload'");
                    else
                        await SubscribeAsync(id, request);
                    break;
                case MessageTypes.Complete:
                    if (string.IsNullOrEmpty(id))
                        Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: complete needs an 'id'");
                    else if (_operations.TryGetValue(id, out var operation))
                        Finish(operation); // the client ended it: no complete is sent back
                    break;
                default:
                    Close(GraphQLWebSocketCloseCodes.BadRequest, $"Invalid message received: unexpected type '{Truncate(typeElement.GetString()!, 40)}'");
                    break;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // connection_init: who is calling, for which tenant
    // ---------------------------------------------------------------------------------------------------------

    private async Task InitialiseAsync(JsonElement? payload)
    {
        if (_initReceived)
        {
            Close(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        _initReceived = true;
        // Every connection_init is paid for by its client address before its credentials are checked: a flood of
        // sockets sending it (valid or not) is refused at the rate limit instead of costing a validation each.
        if (!_connections.TryInitialise(_http.Connection.RemoteIpAddress))
        {
            Close(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests from this address; try again later");
            return;
        }

        var authorization = StringProperty(payload, "authorization") ?? StringProperty(payload, "Authorization");
        var namedTenant = StringProperty(payload, "tenant") ?? _http.Request.Headers[TenantResolver.Header].FirstOrDefault();

        // Browsers cannot set headers on a WebSocket: the token travels in the payload. Without one, the upgrade
        // request's own credentials count, exactly as over HTTP (an operator key, or an Authorization header).
        ClaimsPrincipal? user;
        string? refusal = null;
        if (authorization is not null)
            (user, refusal) = await CallerAuthentication.AuthenticateBearerWithReasonAsync(_http.RequestServices, authorization, _lifetime.Token);
        else
            user = await CallerAuthentication.AuthenticateAsync(_http) ? _http.User : null;
        // The upgrade request's operator key was compared just now: wrong keys spend the address's permits exactly as
        // over HTTP (the upgrade is handed over before the HTTP endpoint's check), so sockets are no way around it.
        if (authorization is null && OperatorKeyGuard.Presents(_http)
            && _http.RequestServices.GetRequiredService<OperatorKeyGuard>().IsLimited(_http, wrongKey: user is null, out _))
        {
            Close(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many wrong operator keys from this address; try again later");
            return;
        }
        if (user is null)
        {
            Close(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden: " + (refusal ?? "the access token is not valid"));
            return;
        }

        var resolution = await _http.RequestServices.GetRequiredService<ITenantResolver>()
            .ResolveAsync(user, namedTenant, _http.Request.Host.Host, _lifetime.Token);
        switch (resolution.Status)
        {
            case TenantResolutionStatus.Mismatch:
                Close(GraphQLWebSocketCloseCodes.Forbidden, $"Forbidden: the token belongs to another tenant than '{resolution.RequestedId}'");
                return;
            case TenantResolutionStatus.NotFound:
                Close(GraphQLWebSocketCloseCodes.Forbidden, $"Forbidden: tenant '{resolution.RequestedId}' was not found");
                return;
        }
        if (TenantRefusal(resolution.Tenant) is { } tenantRefusal)
        {
            Close(tenantRefusal.Code, tenantRefusal.Reason);
            return;
        }

        // A tenant's slots are for its signed-in users: an anonymous socket (the onboarding portal's progress, or a
        // stranger naming the tenant) is counted per client address instead, under its own small limit.
        if (user.Identity?.IsAuthenticated != true)
        {
            if (!_connections.TryAcquireAnonymous(_http.Connection.RemoteIpAddress))
            {
                Close(GraphQLWebSocketCloseCodes.TooManyConnections,
                    $"Too many anonymous connections from this address (at most {_options.MaxAnonymousConnectionsPerAddress})");
                return;
            }
            _holdsAnonymousSlot = true;
        }
        else if (!_connections.TryAcquire(resolution.Tenant?.Id))
        {
            Close(GraphQLWebSocketCloseCodes.TooManyConnections,
                $"Too many connections for tenant '{resolution.Tenant?.Id}' (at most {_options.MaxConnectionsPerTenant})");
            return;
        }
        else
        {
            _holdsTenantSlot = true;
        }
        _user = user;
        _tenant = resolution.Tenant;
        _tokenExpires = user.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        _acknowledged = true;
        Enqueue(Message(MessageTypes.ConnectionAck, null,
            JsonSerializer.Serialize(new { tenant = _tenant?.Id })));
    }

    /// <summary>
    /// A tenant suspended since the connection opened is cut off: checked before every new operation and at every
    /// keep-alive tick (the tenant store is cached, so this is cheap).
    /// </summary>
    private async Task<bool> TenantRefusedAsync()
    {
        if (_tenant is null)
            return false;
        TenantInfo? current;
        try
        {
            current = await _http.RequestServices.GetRequiredService<ITenantStore>().FindAsync(_tenant.Id, _lifetime.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The registry cannot be read right now: the connection keeps what it was granted until the next check.
            _logger.LogWarning(ex, "Could not check the status of tenant {TenantId}", _tenant.Id);
            return false;
        }
        if (TenantRefusal(current) is not { } refusal)
            return false;
        Close(refusal.Code, refusal.Reason);
        return true;
    }

    /// <summary>
    /// A user deactivated, demoted or given a new password since the connection opened (or an API key revoked or
    /// expired since) is cut off like an expired token: checked before every new operation and at every keep-alive
    /// tick (the answer is cached for a few seconds, so this is cheap). When the caller cannot be read, a new
    /// operation (<paramref name="operationId"/>) is refused with DATABASE_UNAVAILABLE, as HTTP answers 503: nothing
    /// runs with an unchecked caller. A keep-alive tick keeps the connection (its operations were checked when they
    /// started) and checks again at the next one.
    /// </summary>
    private async Task<bool> CallerRefusedAsync(string? operationId = null)
    {
        string? refusal;
        try
        {
            refusal = await CallerAuthentication.RefusalAsync(_http.RequestServices, _user, _lifetime.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not check the caller of a connection of tenant {TenantId}", _tenant?.Id);
            if (operationId is null)
                return false;
            Enqueue(Persistence.DbErrors.IsUnavailable(ex)
                ? ErrorMessage(operationId, Http.GraphQLHttpEndpoint.DatabaseUnavailableCode, "The database is unavailable; nothing was changed. Try again shortly.")
                : ErrorMessage(operationId, "INTERNAL_SERVER_ERROR", "The operation failed."));
            return true;
        }
        if (refusal is null)
            return false;
        Close(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden: " + refusal);
        return true;
    }

    private static (int Code, string Reason)? TenantRefusal(TenantInfo? tenant) => tenant?.Status switch
    {
        null or TenantStatus.Active => null,
        TenantStatus.Suspended => (GraphQLWebSocketCloseCodes.Forbidden, $"Forbidden: tenant '{tenant.Id}' is suspended"),
        _ => (GraphQLWebSocketCloseCodes.TenantNotReady, $"Tenant '{tenant.Id}' is not ready yet ({tenant.Status.ToString().ToUpperInvariant()})"),
    };

    private static string? StringProperty(JsonElement? payload, string name) =>
        payload is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // ---------------------------------------------------------------------------------------------------------
    // Operations
    // ---------------------------------------------------------------------------------------------------------

    private async Task SubscribeAsync(string id, JsonElement payload)
    {
        if (_operations.ContainsKey(id))
        {
            Close(GraphQLWebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {Truncate(id, 64)} already exists");
            return;
        }
        if (_operations.Count >= _options.MaxSubscriptionsPerConnection)
        {
            Enqueue(ErrorMessage(id, "TOO_MANY_SUBSCRIPTIONS",
                $"This connection already runs {_options.MaxSubscriptionsPerConnection} operations, the most it may; complete one first."));
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = _serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: subscribe's payload needs a 'query'");
            return;
        }

        if (await TenantRefusedAsync() || await CallerRefusedAsync(id))
            return;

        var operation = new Operation(id, _scopes.CreateAsyncScope(), _lifetime.Token);
        _operations[id] = operation;
        _ = ExecuteAsync(operation, request);
    }

    private static readonly IValidationRule[] CachedRules = [AuthorizationRule.Instance];
    private static readonly IValidationRule[] Rules = [.. DocumentValidator.CoreRules, .. CachedRules];

    private async Task ExecuteAsync(Operation operation, GraphQLRequest request)
    {
        var services = operation.Scope.ServiceProvider;
        try
        {
            if (_tenant is not null)
                services.GetRequiredService<TenantContext>().Set(_tenant);
            services.GetRequiredService<ClientAddress>().Set(_http.Connection.RemoteIpAddress);
            using var logScope = _logger.BeginScope(new Dictionary<string, object?> { ["TenantId"] = _tenant?.Id, ["OperationId"] = operation.Id });

            // Each operation is costed and paid from the caller's budget as an HTTP request is (a subscription once, at start).
            var cost = QueryCostRequest.For(_user, _tenant?.Id, _http.Connection.RemoteIpAddress);
            var result = await services.GetRequiredService<IDocumentExecuter<InventorySchema>>().ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = services,
                User = _user,
                UserContext = cost.UserContext(),
                CancellationToken = operation.Cancellation,
                // The builder's rules (complexity and depth, text, field limits, cost, introspection) are appended to these.
                ValidationRules = Rules,
                // A cached document (ADR 20) skips the standard rules, never the caller's access.
                CachedDocumentValidationRules = CachedRules,
            });
            if (operation.IsFinished)
                return;
            cost.AddTo(result);

            if (result.Streams is { Count: > 0 } streams)
            {
                // A subscription has exactly one root field (a core validation rule), hence one stream.
                operation.Attach(streams.Values.First().Subscribe(new OperationObserver(this, operation)));
                return;
            }
            if (result.Data is null && result.Errors is { Count: > 0 })
            {
                Enqueue(Message(MessageTypes.Error, operation.Id, ErrorsOf(result)));
            }
            else
            {
                Enqueue(Message(MessageTypes.Next, operation.Id, _serializer.Serialize(result)));
                Enqueue(Message(MessageTypes.Complete, operation.Id, null));
            }
            Finish(operation);
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            Finish(operation);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL operation {OperationId} over WebSocket failed", operation.Id);
            if (!operation.IsFinished)
                Enqueue(ErrorMessage(operation.Id, "INTERNAL_SERVER_ERROR", "The operation failed."));
            Finish(operation);
        }
    }

    /// <summary>Ends an operation once: detaches its stream, cancels what it still runs, and releases its scope.</summary>
    private void Finish(Operation operation)
    {
        if (!operation.TryFinish())
            return;
        _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
        operation.Release();
    }

    private sealed class OperationObserver(GraphQLWebSocketConnection connection, Operation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!operation.IsFinished)
                connection.Enqueue(Message(MessageTypes.Next, operation.Id, connection._serializer.Serialize(value)));
        }

        public void OnError(Exception error)
        {
            if (operation.IsFinished)
                return;
            if ((error as SubscriberTooSlowException ?? error.InnerException as SubscriberTooSlowException) is { } tooSlow)
            {
                connection.Close(GraphQLWebSocketCloseCodes.SubscriberTooSlow, tooSlow.Message, discardPending: true);
                return;
            }
            // The stream failed after it started: a last result carrying the error, then the end of the operation.
            var result = new ExecutionResult { Errors = [error as ExecutionError ?? new ExecutionError("The subscription failed.")] };
            connection.Enqueue(Message(MessageTypes.Next, operation.Id, connection._serializer.Serialize(result)));
            connection.Enqueue(Message(MessageTypes.Complete, operation.Id, null));
            connection.Finish(operation);
        }

        public void OnCompleted()
        {
            if (operation.IsFinished)
                return;
            connection.Enqueue(Message(MessageTypes.Complete, operation.Id, null));
            connection.Finish(operation);
        }
    }

    private sealed class Operation(string id, AsyncServiceScope scope, CancellationToken connection)
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connection);
        private IDisposable? _subscription;
        private int _finished;

        public string Id => id;
        public AsyncServiceScope Scope => scope;
        public CancellationToken Cancellation => _cancellation.Token;
        public bool IsFinished => Volatile.Read(ref _finished) == 1;

        public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

        public void Attach(IDisposable subscription)
        {
            lock (_cancellation)
            {
                if (!IsFinished)
                {
                    _subscription = subscription;
                    return;
                }
            }
            subscription.Dispose();
        }

        public void Release()
        {
            IDisposable? subscription;
            lock (_cancellation)
            {
                subscription = _subscription;
                _subscription = null;
            }
            subscription?.Dispose();
            _cancellation.Cancel();
            _cancellation.Dispose();
            _ = scope.DisposeAsync().AsTask();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending, keep-alive, closing
    // ---------------------------------------------------------------------------------------------------------

    private bool IsClosing
    {
        get
        {
            lock (_gate)
                return _close is not null;
        }
    }

    /// <summary>Queues a message for the send loop; a full queue means the client does not keep up, and it is closed.</summary>
    private void Enqueue(byte[] message)
    {
        if (_outgoing.Writer.TryWrite(message) || IsClosing)
            return;
        Close(GraphQLWebSocketCloseCodes.SubscriberTooSlow, new SubscriberTooSlowException(_options.MaxBufferedMessages).Message, discardPending: true);
    }

    /// <summary>
    /// Closes the socket once, with the first code asked for: the send loop sends what is queued (or, for a client too
    /// slow to read it, drops it) and then the close frame; a client that does not complete the handshake in time is cut off.
    /// </summary>
    private void Close(int code, string reason, bool discardPending = false)
    {
        lock (_gate)
        {
            if (_close is not null)
                return;
            _close = (code, Truncate(reason, 120));
        }
        if (code != GraphQLWebSocketCloseCodes.Normal)
            _logger.LogInformation("Closing GraphQL WebSocket connection with {CloseCode}: {CloseReason}", code, reason);
        if (discardPending)
            _discardPending = true;
        _outgoing.Writer.TryComplete();
        // Nothing more is produced for a connection that is going away.
        foreach (var operation in _operations.Values)
            Finish(operation);
        _sendAbort.CancelAfter(_options.CloseTimeout);
        _receiveAbort.CancelAfter(_options.CloseTimeout);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            var reader = _outgoing.Reader;
            while (!_discardPending && await reader.WaitToReadAsync(_sendAbort.Token))
            {
                while (!_discardPending && reader.TryRead(out var message))
                    await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _sendAbort.Token);
            }

            (int Code, string Reason) close;
            lock (_gate)
                close = _close ?? (GraphQLWebSocketCloseCodes.Normal, "");
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, _sendAbort.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // A send that cannot finish (the client stopped reading and the close timeout passed, or the socket died):
            // the socket is aborted, which also ends the receive loop.
            _socket.Abort();
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _time, _lifetime.Token);
            if (!Volatile.Read(ref _initReceived))
                Close(GraphQLWebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeepAliveAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_options.KeepAliveInterval, _time);
            while (await timer.WaitForNextTickAsync(_lifetime.Token))
            {
                if (_tokenExpires is { } expires && _time.GetUtcNow() >= expires)
                {
                    Close(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden: the access token has expired");
                    return;
                }
                if (await TenantRefusedAsync() || await CallerRefusedAsync())
                    return;
                Enqueue(Message(MessageTypes.Ping, null, null));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Messages
    // ---------------------------------------------------------------------------------------------------------

    private static byte[] Message(string type, string? id, string? payloadJson)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (payloadJson?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
                writer.WriteString(IdProperty, id);
            writer.WriteString(TypeProperty, type);
            if (payloadJson is not null)
            {
                writer.WritePropertyName(PayloadProperty);
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ErrorMessage(string id, string code, string message) =>
        Message(MessageTypes.Error, id, JsonSerializer.Serialize(new[] { new { message, extensions = new { code } } }));

    /// <summary>The payload of an error message: the result's errors as the error info provider formats them.</summary>
    private string ErrorsOf(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(_serializer.Serialize(result));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;
        var end = text.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > maxBytes - 3)
            end--;
        return text[..end] + "...";
    }
}
