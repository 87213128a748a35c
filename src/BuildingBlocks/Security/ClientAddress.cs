using System.Net;
using System.Net.Sockets;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// The network address a request came from (the connection's remote address; behind a proxy, what ASP.NET Core's
/// forwarded-headers middleware made of it). Set per request by both transports; limits and quotas are keyed by it.
/// </summary>
public sealed class ClientAddress
{
    /// <summary>The key of callers without a network address (in-process calls, test servers): they share one partition.</summary>
    public const string Unknown = "unknown";

    public IPAddress? Address { get; private set; }

    /// <summary>
    /// What limits count by: an IPv4 address, or an IPv6 address's /64 network (one customer line gets a whole /64,
    /// so counting single IPv6 addresses would give an attacker billions of fresh keys).
    /// </summary>
    public string PartitionKey => PartitionKeyOf(Address);

    public void Set(IPAddress? address) => Address = address;

    public static string PartitionKeyOf(IPAddress? address)
    {
        if (address is null)
            return Unknown;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
