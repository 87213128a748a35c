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

    /// <summary>The system database (tenant registry, placement); by default the template with <c>system</c> for the tenant.</summary>
    public string? SystemConnectionString { get; set; }

    /// <summary>
    /// Database servers new tenants are placed on. Empty means one server, <c>default</c>, using
    /// <see cref="ConnectionTemplate"/>. A tenant's server is recorded at onboarding and never changes by itself.
    /// </summary>
    public List<DatabaseServer> Servers { get; set; } = [];

    public IReadOnlyList<DatabaseServer> EffectiveServers() =>
        Servers.Count > 0 ? Servers : [new DatabaseServer { Name = "default", ConnectionTemplate = Template(), Capacity = int.MaxValue }];

    public string SystemConnection() =>
        SystemConnectionString ?? (Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(DataFolder, "system.db")};Pooling=True"
            : ConnectionStringFor("system"));

    public string ConnectionStringFor(string tenantId) => FillTemplate(Template(), tenantId);

    public static string FillTemplate(string template, string tenantId) =>
        template.Replace("{tenant}", SanitizeForDatabaseName(tenantId), StringComparison.Ordinal);

    private string Template()
    {
        return ConnectionTemplate ?? Provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(DataFolder, "tenants", "{tenant}.db")};Pooling=True",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=5432;Username=postgres;Database=inventory_{tenant}",
            DatabaseProvider.SqlServer => "Server=localhost;Database=inventory_{tenant};Trusted_Connection=True;TrustServerCertificate=True",
            _ => throw new ArgumentOutOfRangeException(nameof(Provider)),
        };
    }

    // Tenant ids are slugs ([a-z0-9-]); database names avoid the dash so they never need quoting.
    private static string SanitizeForDatabaseName(string tenantId) => tenantId.Replace('-', '_');
}

public sealed class DatabaseServer
{
    public string Name { get; set; } = "";

    /// <summary>Connection string of a tenant database on this server, <c>{tenant}</c> standing for the tenant id.</summary>
    public string ConnectionTemplate { get; set; } = "";

    /// <summary>How many tenants the server may hold.</summary>
    public int Capacity { get; set; } = 1000;
}
