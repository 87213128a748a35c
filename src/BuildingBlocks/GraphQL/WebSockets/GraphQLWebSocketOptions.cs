namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>Limits and timings of GraphQL over WebSocket (configuration section <c>GraphQL:WebSocket</c>).</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSocket";

    /// <summary>A client must send connection_init within this time, else the socket is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server sends a protocol ping (and checks that the connection's token has not expired).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Operations running at once on one connection (subscriptions, and queries or mutations still executing); one more is answered with an error message and the socket stays open.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 50;

    /// <summary>Signed-in connections one tenant may hold open on one host; one more is closed with 4008.</summary>
    public int MaxConnectionsPerTenant { get; set; } = 1000;

    /// <summary>
    /// Anonymous connections (no credentials in connection_init: the onboarding portal's progress) one client address
    /// may hold open on one host; they never take a tenant's slot. One more is closed with 4008.
    /// </summary>
    public int MaxAnonymousConnectionsPerAddress { get; set; } = 20;

    /// <summary>connection_init messages one client address may send at once (a token bucket); beyond it and the refill rate, 4429.</summary>
    public int ConnectionInitBurstPerAddress { get; set; } = 1000;

    /// <summary>connection_init messages given back to each address's bucket per second.</summary>
    public int ConnectionInitRatePerAddress { get; set; } = 100;

    /// <summary>Messages waiting to be sent to one connection; a client that lets more pile up is closed with 1013.</summary>
    public int MaxBufferedMessages { get; set; } = 256;

    /// <summary>Largest message accepted from a client; a larger one closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>How long the server waits for a close handshake (or a send stuck behind a slow client) before it aborts the socket.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
