using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Domain;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Persistence;

internal abstract class StockDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "stock";

    protected override string Schema => SchemaName;

    public DbSet<StockProduct> Products => Set<StockProduct>();
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<StockProduct>();
        product.ToTable("products");
        product.HasKey(p => p.ProductId);
        product.Property(p => p.ProductId).ValueGeneratedNever();
        product.Property(p => p.Sku).HasMaxLength(64).IsRequired();
        product.Property(p => p.SkuKey).HasMaxLength(64).IsRequired();
        product.HasIndex(p => p.SkuKey).IsUnique();
        product.Property(p => p.Name).HasMaxLength(200).IsRequired();

        var warehouse = modelBuilder.Entity<Warehouse>();
        warehouse.ToTable("warehouses");
        warehouse.HasKey(w => w.Id);
        warehouse.Property(w => w.Id).ValueGeneratedNever();
        warehouse.Property(w => w.Code).HasMaxLength(32).IsRequired();
        warehouse.HasIndex(w => w.Code).IsUnique();
        warehouse.Property(w => w.Name).HasMaxLength(200).IsRequired();
        warehouse.Property(w => w.Address).HasMaxLength(500);
        warehouse.Property(w => w.TimeZone).HasMaxLength(64).IsRequired();
    }
}

internal sealed class SqliteStockDbContext(DbContextOptions<SqliteStockDbContext> options) : StockDbContext(options);

internal sealed class PostgresStockDbContext(DbContextOptions<PostgresStockDbContext> options) : StockDbContext(options);

internal sealed class SqlServerStockDbContext(DbContextOptions<SqlServerStockDbContext> options) : StockDbContext(options);

// Used by `dotnet ef migrations add` (scripts/add-migration.sh) only.
internal sealed class SqliteStockDesignTimeFactory() : ModuleDesignTimeFactory<SqliteStockDbContext>(DatabaseProvider.Sqlite, StockDbContext.SchemaName);

internal sealed class PostgresStockDesignTimeFactory() : ModuleDesignTimeFactory<PostgresStockDbContext>(DatabaseProvider.PostgreSql, StockDbContext.SchemaName);

internal sealed class SqlServerStockDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerStockDbContext>(DatabaseProvider.SqlServer, StockDbContext.SchemaName);
