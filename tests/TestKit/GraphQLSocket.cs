using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Inventory.TestKit;

/// <summary>
/// A graphql-transport-ws client for tests, speaking the protocol message by message so that tests can also send
/// what a well-behaved client never would. Server pings are answered and skipped unless a test asks to see them.
/// </summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly WebSocket _socket;

    public GraphQLSocket(WebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;

    /// <summary>Opens a socket on the app's in-memory test server (no connection_init sent yet).</summary>
    public static async Task<GraphQLSocket> OpenAsync(InventoryApp app, string? subProtocol = SubProtocol, Action<Microsoft.AspNetCore.Http.HttpRequest>? configureRequest = null)
    {
        var client = app.Server.CreateWebSocketClient();
        if (subProtocol is not null)
            client.SubProtocols.Add(subProtocol);
        if (configureRequest is not null)
            client.ConfigureRequest = configureRequest;
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var socket = await client.ConnectAsync(new Uri(app.Server.BaseAddress, "graphql"), timeout.Token);
        return new GraphQLSocket(socket);
    }

    /// <summary>Opens a socket and completes connection_init with a token of <paramref name="tenant"/> and <paramref name="role"/>.</summary>
    public static async Task<GraphQLSocket> ConnectAsync(InventoryApp app, string tenant, string role = "Admin")
    {
        var socket = await OpenAsync(app);
        await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For(tenant, role) });
        return socket;
    }

    /// <summary>Sends connection_init and expects connection_ack.</summary>
    public async Task<JsonNode> InitAsync(object? payload = null)
    {
        await SendAsync(new { type = "connection_init", payload });
        var ack = await ReceiveAsync();
        if (ack["type"]?.GetValue<string>() != "connection_ack")
            throw new Xunit.Sdk.XunitException($"Expected connection_ack, got {ack.ToJsonString()}");
        return ack;
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public Task CompleteAsync(string id) => SendAsync(new { id, type = "complete" });

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message; server pings are answered with a pong and skipped unless <paramref name="includePings"/>.</summary>
    public async Task<JsonNode> ReceiveAsync(TimeSpan? timeout = null, bool includePings = false)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var (message, close) = await ReceiveFrameAsync(cancel.Token);
            if (message is null)
                throw new Xunit.Sdk.XunitException($"The server closed the socket: {close}");
            if (!includePings && message["type"]?.GetValue<string>() == "ping")
            {
                await SendAsync(new { type = "pong" });
                continue;
            }
            return message;
        }
    }

    /// <summary>The next message of an operation (skipping other operations' and pings).</summary>
    public async Task<JsonNode> ReceiveForAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message["id"]?.GetValue<string>() == id)
                return message;
        }
    }

    /// <summary>Reads (and discards) messages until the server's close frame; answers the close code and reason.</summary>
    public async Task<(int Code, string? Reason)> ExpectCloseAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var (message, close) = await ReceiveFrameAsync(cancel.Token);
            if (message is null)
                return close!.Value;
        }
    }

    private async Task<(JsonNode? Message, (int Code, string? Reason)? Close)> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return (null, ((int)(result.CloseStatus ?? 0), result.CloseStatusDescription));
            }
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return (JsonNode.Parse(text.ToArray()), null);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        _socket.Dispose();
    }
}
