using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// How often a root field may run, declared on the field next to who may call it and enforced by
/// <see cref="FieldLimitRule"/> before any resolver: at most N per operation (through aliases and fragments), and a
/// per-client-address rate (ASP.NET Core's partitioned rate limiters) for fields that cost work anyone can ask for.
/// </summary>
public static class FieldLimits
{
    internal const string MaxPerRequestKey = "inventory:max-per-request";
    internal const string RateLimitKey = "inventory:rate-limit";

    /// <summary>At most <paramref name="max"/> selections of this root field (counted by response name) in one operation.</summary>
    public static FieldBuilder<TSource, TReturn> MaxPerRequest<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        field.FieldType.WithMetadata(MaxPerRequestKey, max);
        return field;
    }

    /// <summary>
    /// Operations selecting this field take one permit of <paramref name="policy"/> for the caller's address; without one
    /// they are refused with RATE_LIMITED (HTTP 429 with Retry-After). Fields naming one policy share its permits.
    /// The defaults apply unless <c>RateLimiting:Policies:&lt;policy&gt;</c> configures the policy.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> RateLimitPerClient<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        string policy, int permitLimit, TimeSpan window)
    {
        field.FieldType.WithMetadata(RateLimitKey, new RateLimitPolicy(policy, permitLimit, window));
        return field;
    }

    internal static int? MaxPerRequestOf(FieldType field) => field.GetMetadata<int?>(MaxPerRequestKey);
    internal static RateLimitPolicy? RateLimitOf(FieldType field) => field.GetMetadata<RateLimitPolicy?>(RateLimitKey);
}

/// <summary>A named rate: <see cref="PermitLimit"/> operations per <see cref="Window"/> per client address.</summary>
public sealed record RateLimitPolicy(string Name, int PermitLimit, TimeSpan Window);
