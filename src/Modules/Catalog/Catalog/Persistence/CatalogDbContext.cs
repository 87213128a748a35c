using Inventory.BuildingBlocks.Persistence;
using Inventory.Catalog.Domain;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Catalog.Persistence;

internal abstract class CatalogDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "catalog";

    protected override string Schema => SchemaName;

    public DbSet<Product> Products => Set<Product>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<Product>();
        product.ToTable("products");
        product.HasKey(p => p.Id);
        product.Property(p => p.Id).ValueGeneratedNever();
        product.Property(p => p.Sku).HasMaxLength(ProductRules.SkuMaxLength).IsRequired();
        product.Property(p => p.SkuKey).HasMaxLength(ProductRules.SkuMaxLength).IsRequired();
        product.HasIndex(p => p.SkuKey).IsUnique();
        product.Property(p => p.Name).HasMaxLength(ProductRules.NameMaxLength).IsRequired();
        product.Property(p => p.Description).HasMaxLength(ProductRules.DescriptionMaxLength);
        product.Property(p => p.Category).HasMaxLength(ProductRules.CategoryMaxLength);
        product.HasIndex(p => p.Category);
        product.Property(p => p.UnitOfMeasure).HasMaxLength(ProductRules.UnitOfMeasureMaxLength).IsRequired();
        product.Property(p => p.Barcode).HasMaxLength(ProductRules.BarcodeMaxLength);
        product.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        product.HasIndex(p => p.Status);
        product.HasIndex(p => p.Name);
        product.HasIndex(p => p.CreatedAt);
        product.HasIndex(p => p.UpdatedAt);
        product.Property(p => p.Version).IsConcurrencyToken();
        product.OwnsMany(p => p.Attributes, attribute =>
        {
            attribute.ToTable("product_attributes");
            attribute.WithOwner().HasForeignKey("ProductId");
            attribute.HasKey("ProductId", nameof(ProductAttribute.Key));
            attribute.Property(a => a.Key).HasMaxLength(ProductRules.AttributeKeyMaxLength);
            attribute.Property(a => a.Value).HasMaxLength(ProductRules.AttributeValueMaxLength).IsRequired();
        });
    }
}

// One subclass per provider: each keeps its own migrations (Persistence/Migrations/<Provider>).
internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqlServerCatalogDbContext(DbContextOptions<SqlServerCatalogDbContext> options) : CatalogDbContext(options);
