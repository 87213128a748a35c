using Inventory.BuildingBlocks.Tenancy;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Tenancy;

public sealed class SubdomainTests
{
    [Theory]
    [InlineData("acme.inventory.example", "inventory.example", "acme")]
    [InlineData("ACME.Inventory.Example", "inventory.example", "acme")]
    [InlineData("inventory.example", "inventory.example", null)]
    [InlineData("a.b.inventory.example", "inventory.example", null)]
    [InlineData("acme.other.example", "inventory.example", null)]
    [InlineData("acme.inventory.example", null, null)]
    [InlineData("evilinventory.example", "inventory.example", null)]
    public void Subdomain_NamesATenantOnlyDirectlyUnderTheBaseDomain(string host, string? baseDomain, string? expected) =>
        Assert.Equal(expected, TenantResolver.Subdomain(host, baseDomain));
}
