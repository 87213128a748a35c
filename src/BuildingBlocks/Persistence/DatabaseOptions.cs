namespace Inventory.BuildingBlocks.Persistence;

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite is the embedded default; PostgreSQL is what production and the tests run on.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the SQLite files (one per tenant), relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Connection string of a tenant database with <c>{tenant}</c> standing for the tenant id.</summary>
    public string? ConnectionTemplate { get; set; }

    public string ConnectionStringFor(string tenantId)
    {
        var template = ConnectionTemplate ?? Provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(DataFolder, "tenants", "{tenant}.db")};Pooling=True",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=5432;Username=postgres;Database=inventory_{tenant}",
            DatabaseProvider.SqlServer => "Server=localhost;Database=inventory_{tenant};Trusted_Connection=True;TrustServerCertificate=True",
            _ => throw new ArgumentOutOfRangeException(nameof(Provider)),
        };
        return template.Replace("{tenant}", SanitizeForDatabaseName(tenantId), StringComparison.Ordinal);
    }

    // Tenant ids are slugs ([a-z0-9-]); database names avoid the dash so they never need quoting.
    private static string SanitizeForDatabaseName(string tenantId) => tenantId.Replace('-', '_');
}
