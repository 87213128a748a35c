using Inventory.BuildingBlocks.Persistence;

namespace Inventory.Catalog.Persistence;

// Used by `dotnet ef migrations add` (scripts/add-migration.sh) only.
internal sealed class SqliteCatalogDesignTimeFactory() : ModuleDesignTimeFactory<SqliteCatalogDbContext>(DatabaseProvider.Sqlite, CatalogDbContext.SchemaName);

internal sealed class PostgresCatalogDesignTimeFactory() : ModuleDesignTimeFactory<PostgresCatalogDbContext>(DatabaseProvider.PostgreSql, CatalogDbContext.SchemaName);

internal sealed class SqlServerCatalogDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerCatalogDbContext>(DatabaseProvider.SqlServer, CatalogDbContext.SchemaName);
