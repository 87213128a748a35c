using Inventory.BuildingBlocks.Persistence;
using Inventory.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Orders.Persistence;

internal abstract class OrdersDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "orders";

    protected override string Schema => SchemaName;

    public DbSet<Order> Orders => Set<Order>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var order = modelBuilder.Entity<Order>();
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).ValueGeneratedNever();
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        order.Property(o => o.CustomerReference).HasMaxLength(200).IsRequired();
        order.Property(o => o.IdempotencyKey).HasMaxLength(100).IsRequired();
        order.HasIndex(o => o.IdempotencyKey).IsUnique();
        order.Property(o => o.RequestHash).HasMaxLength(64).IsRequired();
        order.Property(o => o.RejectionReason).HasMaxLength(500);
        order.Property(o => o.Actor).HasMaxLength(100).IsRequired();
        order.Property(o => o.SortKey).HasMaxLength(64).IsRequired();
        // Consumers change orders through the change tracker, requests through status-guarded UPDATEs that bump
        // the version: a consumer's save over a change it did not see fails and is redelivered, never overwrites.
        order.Property(o => o.Version).IsConcurrencyToken();
        order.HasIndex(o => o.SortKey).IsUnique();
        order.HasIndex(o => new { o.Status, o.SortKey });
        order.HasIndex(o => new { o.CustomerReference, o.SortKey });
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        order.HasMany(o => o.Allocations).WithOne().HasForeignKey(a => a.OrderId);

        var line = modelBuilder.Entity<OrderLine>();
        line.ToTable("order_lines", t => t.HasCheckConstraint("ck_order_lines_quantity_positive", "quantity > 0"));
        line.HasKey(l => new { l.OrderId, l.LineNumber });
        line.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        line.Property(l => l.RejectionReason).HasMaxLength(200);

        var allocation = modelBuilder.Entity<OrderAllocationRow>();
        allocation.ToTable("order_allocations", t => t.HasCheckConstraint("ck_order_allocations_quantity_positive", "quantity > 0"));
        allocation.HasKey(a => new { a.OrderId, a.Number });
        allocation.Property(a => a.WarehouseCode).HasMaxLength(32).IsRequired();
    }
}

internal sealed class SqliteOrdersDbContext(DbContextOptions<SqliteOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class PostgresOrdersDbContext(DbContextOptions<PostgresOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class SqlServerOrdersDbContext(DbContextOptions<SqlServerOrdersDbContext> options) : OrdersDbContext(options);

// Used by `dotnet ef migrations add` (scripts/add-migration.sh) only.
internal sealed class SqliteOrdersDesignTimeFactory() : ModuleDesignTimeFactory<SqliteOrdersDbContext>(DatabaseProvider.Sqlite, OrdersDbContext.SchemaName);

internal sealed class PostgresOrdersDesignTimeFactory() : ModuleDesignTimeFactory<PostgresOrdersDbContext>(DatabaseProvider.PostgreSql, OrdersDbContext.SchemaName);

internal sealed class SqlServerOrdersDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerOrdersDbContext>(DatabaseProvider.SqlServer, OrdersDbContext.SchemaName);
