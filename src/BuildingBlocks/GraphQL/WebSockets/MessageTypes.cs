namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>The message types of the graphql-transport-ws protocol.</summary>
internal static class MessageTypes
{
    public const string ConnectionInit = "connection_init";
    public const string ConnectionAck = "connection_ack";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Next = "next";
    public const string Error = "error";
    public const string Complete = "complete";
}
