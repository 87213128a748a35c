using Inventory.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Inventory.Catalog.Persistence;

// Used by `dotnet ef migrations add` only; no database is needed to create a migration.
internal sealed class SqliteCatalogDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) =>
        new(ModuleDbOptions.ForDesignTime<SqliteCatalogDbContext>(DatabaseProvider.Sqlite, CatalogDbContext.SchemaName));
}

internal sealed class PostgresCatalogDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) =>
        new(ModuleDbOptions.ForDesignTime<PostgresCatalogDbContext>(DatabaseProvider.PostgreSql, CatalogDbContext.SchemaName));
}

internal sealed class SqlServerCatalogDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCatalogDbContext>
{
    public SqlServerCatalogDbContext CreateDbContext(string[] args) =>
        new(ModuleDbOptions.ForDesignTime<SqlServerCatalogDbContext>(DatabaseProvider.SqlServer, CatalogDbContext.SchemaName));
}
