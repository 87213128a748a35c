using System.Net;
using Inventory.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Security;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void PartitionKey_IsTheIPv4Address_OrTheIPv6Network(string address, string key) =>
        Assert.Equal(key, ClientAddress.PartitionKeyOf(IPAddress.Parse(address)));

    [Fact]
    public void PartitionKey_WithoutAnAddress_IsOneSharedPartition() =>
        Assert.Equal(ClientAddress.Unknown, new ClientAddress().PartitionKey);

    [Fact]
    public void RateLimits_RefuseAfterThePermits_PerAddress_AndConfigurationOverridesTheDeclaration()
    {
        var options = new RateLimitingOptions();
        options.Policies["sign-in"] = new RateLimitOverride { PermitLimit = 2 };
        using var limits = new ClientRateLimits(new StaticOptions(options));
        var declared = new RateLimitPolicy("sign-in", PermitLimit: 100, Window: TimeSpan.FromMinutes(1));

        Assert.True(limits.TryAcquire(declared, "203.0.113.7").Acquired);
        Assert.True(limits.TryAcquire(declared, "203.0.113.7").Acquired);
        var (acquired, retryAfter) = limits.TryAcquire(declared, "203.0.113.7");
        Assert.False(acquired);
        Assert.InRange(retryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
        Assert.True(limits.TryAcquire(declared, "198.51.100.1").Acquired);
    }

    private sealed class StaticOptions(RateLimitingOptions value) : IOptionsMonitor<RateLimitingOptions>
    {
        public RateLimitingOptions CurrentValue => value;
        public RateLimitingOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<RateLimitingOptions, string?> listener) => null;
    }
}
