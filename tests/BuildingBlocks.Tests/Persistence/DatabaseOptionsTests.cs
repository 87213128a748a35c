using Inventory.BuildingBlocks.Persistence;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Persistence;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void ConnectionStringFor_WithATemplate_PutsTheTenantInPlaceOfThePlaceholder()
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionTemplate = "Host=db;Port=5432;Username=app;Database=inventory_{tenant}",
        };

        Assert.Equal("Host=db;Port=5432;Username=app;Database=inventory_acme", options.ConnectionStringFor("acme"));
    }

    [Fact]
    public void ConnectionStringFor_WhenTheTemplateNamesTheTenantTwice_ReplacesEveryPlaceholder()
    {
        var options = new DatabaseOptions { ConnectionTemplate = "Database=inv_{tenant};Application Name=inventory-{tenant}" };

        Assert.Equal("Database=inv_globex;Application Name=inventory-globex", options.ConnectionStringFor("globex"));
    }

    [Theory]
    [InlineData("acme-eu", "inventory_acme_eu")]
    [InlineData("a-b-c", "inventory_a_b_c")]
    [InlineData("acme", "inventory_acme")]
    public void ConnectionStringFor_TurnsDashesOfTheTenantIdIntoUnderscores(string tenant, string database)
    {
        var options = new DatabaseOptions { ConnectionTemplate = "Database=inventory_{tenant}" };

        Assert.Equal($"Database={database}", options.ConnectionStringFor(tenant));
    }

    [Fact]
    public void ConnectionStringFor_WithoutATemplate_UsesOneSqliteFilePerTenantUnderTheDataFolder()
    {
        var options = new DatabaseOptions();

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal($"Data Source={Path.Combine("data", "tenants", "acme_eu.db")};Pooling=True", options.ConnectionStringFor("acme-eu"));
    }

    [Fact]
    public void ConnectionStringFor_WithoutATemplate_PutsTheSqliteFilesUnderTheConfiguredDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "inventory-data");
        var options = new DatabaseOptions { DataFolder = folder };

        Assert.Equal($"Data Source={Path.Combine(folder, "tenants", "globex.db")};Pooling=True", options.ConnectionStringFor("globex"));
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, "Database=inventory_acme_eu")]
    [InlineData(DatabaseProvider.SqlServer, "Database=inventory_acme_eu")]
    public void ConnectionStringFor_WithoutATemplate_NamesTheDatabaseAfterTheTenant(DatabaseProvider provider, string expected)
    {
        var options = new DatabaseOptions { Provider = provider };

        Assert.Contains(expected, options.ConnectionStringFor("acme-eu"), StringComparison.Ordinal);
    }
}
