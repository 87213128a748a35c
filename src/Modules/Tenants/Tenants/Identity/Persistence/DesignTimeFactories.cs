using Inventory.BuildingBlocks.Persistence;

namespace Inventory.Tenants.Identity.Persistence;

// Used by `dotnet ef migrations add` only.
internal sealed class SqliteIdentityDesignTimeFactory() : ModuleDesignTimeFactory<SqliteIdentityDbContext>(DatabaseProvider.Sqlite, IdentityDbContext.SchemaName);

internal sealed class PostgresIdentityDesignTimeFactory() : ModuleDesignTimeFactory<PostgresIdentityDbContext>(DatabaseProvider.PostgreSql, IdentityDbContext.SchemaName);

internal sealed class SqlServerIdentityDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerIdentityDbContext>(DatabaseProvider.SqlServer, IdentityDbContext.SchemaName);
