namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>
/// Close codes of the socket: the graphql-transport-ws protocol's own (44xx), and the platform's limits, chosen so
/// that a client (graphql-ws retries on codes it does not know as fatal) reconnects later rather than giving up.
/// </summary>
public static class GraphQLWebSocketCloseCodes
{
    public const int Normal = 1000;
    public const int MessageTooBig = 1009;

    /// <summary>The client does not read fast enough: its buffer of outgoing messages filled (reason says how many).</summary>
    public const int SubscriberTooSlow = 1013;

    /// <summary>
    /// The tenant holds as many signed-in connections on this host as it may, or the client address as many anonymous
    /// ones (the reason says which).
    /// </summary>
    public const int TooManyConnections = 4008;

    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    /// <summary>
    /// A second connection_init on one socket (the protocol's), more connection_init messages from one client address
    /// than its rate limit allows, or an upgrade request with an operator key from an address that sent too many wrong ones.
    /// </summary>
    public const int TooManyInitialisationRequests = 4429;
    public const int InternalServerError = 4500;

    /// <summary>The tenant exists but is not ready to serve yet (still provisioning); try again later.</summary>
    public const int TenantNotReady = 4503;
}
