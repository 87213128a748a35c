using System.Threading.RateLimiting;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// Wrong operator keys are limited per client address: after <see cref="TenancyOptions.OperatorKeyFailureLimit"/>
/// wrong keys in <see cref="TenancyOptions.OperatorKeyFailureWindow"/>, that address's requests with an operator key
/// get 429 (with Retry-After) until the window ends, whether the key is right or not (a right guess must not stand
/// out while the address is limited). Only wrong keys spend permits, so an operator using the right key from
/// another address is never affected.
/// </summary>
public sealed class OperatorKeyGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public OperatorKeyGuard(IOptions<TenancyOptions> options)
    {
        var limit = Math.Max(1, options.Value.OperatorKeyFailureLimit);
        var window = options.Value.OperatorKeyFailureWindow > TimeSpan.Zero ? options.Value.OperatorKeyFailureWindow : TimeSpan.FromMinutes(1);
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public static bool Presents(HttpContext http) => !string.IsNullOrEmpty(http.Request.Headers[CallerAuthentication.OperatorHeader].FirstOrDefault());

    /// <summary>
    /// Called once the key was compared. A wrong key spends one of the address's permits (atomically, so wrong keys
    /// sent at once cannot get more than the limit of 401 answers); a right key spends none. True (with how long to
    /// wait) when the answer must be 429: no permit was left.
    /// </summary>
    public bool IsLimited(HttpContext http, bool wrongKey, out TimeSpan retryAfter)
    {
        // Zero permits only asks whether any are left; it spends nothing.
        using var lease = _failures.AttemptAcquire(AddressOf(http), wrongKey ? 1 : 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return !lease.IsAcquired;
    }

    public static void WriteRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The limits' one rule for a client address (an IPv6 client changing address within its /64 stays one client).
    private static string AddressOf(HttpContext http) => ClientAddress.PartitionKeyOf(http.Connection.RemoteIpAddress);

    public void Dispose() => _failures.Dispose();
}
