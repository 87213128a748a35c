using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>
/// GraphQL over WebSocket on the GraphQL path: a WebSocket upgrade that asks for <c>graphql-transport-ws</c> gets a
/// <see cref="GraphQLWebSocketConnection"/>; one that does not is accepted only to be closed with 4406, so that
/// the client learns why.
/// </summary>
internal static class GraphQLWebSocketEndpoint
{
    public const string SubProtocol = "graphql-transport-ws";

    public static async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await refused.CloseAsync((WebSocketCloseStatus)GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable,
                    $"Subprotocol not acceptable: use {SubProtocol}", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(SubProtocol);
        await new GraphQLWebSocketConnection(http, socket).RunAsync();
    }
}
