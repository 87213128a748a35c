using System.Net;
using System.Security.Claims;
using GraphQL;
using Inventory.BuildingBlocks.Security;

namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>
/// The cost side of one request: whose budget pays (set by the transport, which knows the caller, the tenant and
/// the client's address) and what <see cref="QueryCostRule"/> found. It travels in the executer's user context;
/// the transport adds it to the answer as <c>extensions.cost</c>.
/// </summary>
internal sealed class QueryCostRequest
{
    internal const string UserContextKey = "inventory:queryCost";

    private QueryCostRequest(string caller) => Caller = caller;

    /// <summary>The budget's key: <c>tenant|user:&lt;id&gt;</c>, <c>tenant|apikey:&lt;id&gt;</c>, <c>operator</c> or <c>ip|&lt;address key&gt;</c> (the client's <see cref="ClientAddress.PartitionKeyOf"/>, as every other limit counts it).</summary>
    public string Caller { get; }

    public int? RequestedCost { get; internal set; }
    public ThrottleStatus? ThrottleStatus { get; internal set; }

    /// <summary>True when the caller's budget did not hold the request's cost (THROTTLED).</summary>
    public bool Throttled { get; internal set; }
    public TimeSpan? RetryAfter { get; internal set; }

    public static QueryCostRequest For(ClaimsPrincipal? user, string? tenantId, IPAddress? clientAddress)
    {
        if (Access.IsOperator(user))
            return new QueryCostRequest("operator");
        if (user?.Identity?.IsAuthenticated == true)
            return new QueryCostRequest($"{user.FindFirst(Access.TenantClaim)?.Value ?? tenantId}|{Actors.Of(user)}");
        return new QueryCostRequest("ip|" + ClientAddress.PartitionKeyOf(clientAddress));
    }

    /// <summary>A user context for the executer carrying this request.</summary>
    /// <remarks>
    /// Both transports build their user context here and set their caller rules in
    /// <c>CachedDocumentValidationRules</c>, so it also says that a cached document may skip the standard rules (ADR 20).
    /// </remarks>
    public Dictionary<string, object?> UserContext() => new() { [UserContextKey] = this, [Documents.DocumentCacheExecution.CallerRulesKey] = true };

    internal static QueryCostRequest? Of(IDictionary<string, object?>? userContext) =>
        userContext is not null && userContext.TryGetValue(UserContextKey, out var value) ? value as QueryCostRequest : null;

    /// <summary>Adds <c>extensions.cost</c> (Shopify's shape) to an answer whose cost was calculated.</summary>
    public void AddTo(ExecutionResult result)
    {
        if (RequestedCost is not { } requested)
            return;
        var cost = new Dictionary<string, object?> { ["requestedQueryCost"] = requested };
        if (ThrottleStatus is { } status)
            cost["throttleStatus"] = new Dictionary<string, object?>
            {
                ["maximumAvailable"] = status.MaximumAvailable,
                ["currentlyAvailable"] = status.CurrentlyAvailable,
                ["restoreRate"] = status.RestoreRate,
            };
        result.Extensions ??= [];
        result.Extensions["cost"] = cost;
    }
}
