using Inventory.BuildingBlocks.Tenancy;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Tenancy;

public sealed class TenantContextTests
{
    private static readonly TenantInfo Acme = new("acme", "Acme", "Database=acme");
    private static readonly TenantInfo Globex = new("globex", "Globex", "Database=globex");

    [Fact]
    public void Current_BeforeATenantIsSet_IsNullAndTenantThrows()
    {
        var context = new TenantContext();

        Assert.Null(context.Current);
        Assert.Throws<TenantNotSetException>(() => ((ITenantContext)context).Tenant);
    }

    [Fact]
    public void Set_WhenTheSameTenantIsSetTwice_KeepsIt()
    {
        var context = new TenantContext();
        context.Set(Acme);

        context.Set(Acme with { });

        Assert.Equal("acme", context.Current?.Id);
        Assert.Equal(Acme, ((ITenantContext)context).Tenant);
    }

    [Fact]
    public void Set_WhenTheScopeAlreadyBelongsToAnotherTenant_ThrowsAndKeepsTheFirst()
    {
        var context = new TenantContext();
        context.Set(Acme);

        var error = Assert.Throws<InvalidOperationException>(() => context.Set(Globex));

        Assert.Contains("acme", error.Message, StringComparison.Ordinal);
        Assert.Equal(Acme, context.Current);
    }
}
