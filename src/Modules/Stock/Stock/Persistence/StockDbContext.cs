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
    public DbSet<StockLevel> Levels => Set<StockLevel>();
    public DbSet<StockMovement> Movements => Set<StockMovement>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Reconciliation> Reconciliations => Set<Reconciliation>();
    public DbSet<AllocationSettings> AllocationSettings => Set<AllocationSettings>();
    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();
    public DbSet<StockAlert> Alerts => Set<StockAlert>();

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

        ConfigureLevels(modelBuilder);
        ConfigureLedger(modelBuilder);
        ConfigureAlerts(modelBuilder);
        ConfigureReservations(modelBuilder);
        ConfigureTransfers(modelBuilder);
        ConfigureBookkeeping(modelBuilder);
    }

    private bool IsSqlServer => Database.ProviderName?.EndsWith(".SqlServer", StringComparison.Ordinal) == true;

    // The invariants live in the database too: a bug in C# cannot store a negative or overcommitted level.
    private void ConfigureLevels(ModelBuilder modelBuilder)
    {
        var backorder = IsSqlServer ? "allow_backorder = 1" : "allow_backorder";
        var level = modelBuilder.Entity<StockLevel>();
        level.ToTable("stock_levels", t =>
        {
            t.HasCheckConstraint("ck_stock_levels_quantities_not_negative",
                "on_hand >= 0 AND reserved >= 0 AND committed >= 0 AND damaged >= 0 AND safety_stock >= 0 AND incoming >= 0 AND reorder_point >= 0");
            t.HasCheckConstraint("ck_stock_levels_damaged_on_hand", "damaged <= on_hand");
            t.HasCheckConstraint("ck_stock_levels_not_overcommitted",
                $"{backorder} OR on_hand - reserved - committed - damaged >= 0");
            t.HasCheckConstraint("ck_stock_levels_quantities_bounded",
                $"on_hand <= {StockLevel.MaxQuantity} AND incoming <= {StockLevel.MaxQuantity} AND reserved <= {StockLevel.MaxQuantity} AND committed <= {StockLevel.MaxQuantity}"
                + $" AND damaged <= {StockLevel.MaxQuantity} AND safety_stock <= {StockLevel.MaxQuantity} AND reorder_point <= {StockLevel.MaxQuantity}");
        });
        level.HasKey(l => l.Id);
        level.Property(l => l.Id).ValueGeneratedNever();
        level.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        level.Property(l => l.SkuKey).HasMaxLength(64).IsRequired();
        level.Property(l => l.WarehouseCode).HasMaxLength(32).IsRequired();
        level.Property(l => l.AlertState).HasConversion<string>().HasMaxLength(8);
        level.Ignore(l => l.Available);
        level.HasIndex(l => new { l.SkuKey, l.WarehouseId }).IsUnique();
        level.HasIndex(l => new { l.WarehouseCode, l.SkuKey });
    }

    private static void ConfigureAlerts(ModelBuilder modelBuilder)
    {
        var alert = modelBuilder.Entity<StockAlert>();
        alert.ToTable("stock_alerts");
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Id).ValueGeneratedNever();
        alert.Property(a => a.SortKey).HasMaxLength(64).IsRequired();
        alert.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        alert.Property(a => a.Sku).HasMaxLength(64).IsRequired();
        alert.Property(a => a.SkuKey).HasMaxLength(64).IsRequired();
        alert.Property(a => a.WarehouseCode).HasMaxLength(32).IsRequired();
        alert.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        alert.HasIndex(a => a.SortKey).IsUnique();
        alert.HasIndex(a => new { a.AcknowledgedAt, a.SortKey });
    }

    private static void ConfigureLedger(ModelBuilder modelBuilder)
    {
        var movement = modelBuilder.Entity<StockMovement>();
        movement.ToTable("stock_movements");
        movement.HasKey(m => m.Id);
        movement.Property(m => m.Id).ValueGeneratedNever();
        movement.Property(m => m.Sku).HasMaxLength(64).IsRequired();
        movement.Property(m => m.SkuKey).HasMaxLength(64).IsRequired();
        movement.Property(m => m.WarehouseCode).HasMaxLength(32).IsRequired();
        movement.Property(m => m.Reason).HasConversion<string>().HasMaxLength(32);
        movement.Property(m => m.Reference).HasMaxLength(200);
        movement.Property(m => m.Note).HasMaxLength(500);
        movement.Property(m => m.Actor).HasMaxLength(100).IsRequired();
        movement.Property(m => m.IdempotencyKey).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        movement.Ignore(m => m.Deltas);
        movement.HasIndex(m => new { m.LevelId, m.SortKey });
        movement.HasIndex(m => new { m.SkuKey, m.SortKey });
        movement.Property(m => m.SortKey).HasMaxLength(64).IsRequired();
        movement.HasIndex(m => m.SortKey).IsUnique();
        movement.HasIndex(m => m.Reference);
    }

    private static void ConfigureReservations(ModelBuilder modelBuilder)
    {
        var reservation = modelBuilder.Entity<Reservation>();
        reservation.ToTable("reservations");
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.Id).ValueGeneratedNever();
        reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        reservation.Property(r => r.Reference).HasMaxLength(200);
        reservation.Property(r => r.Actor).HasMaxLength(100).IsRequired();
        reservation.Property(r => r.IdempotencyKey).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        reservation.HasIndex(r => new { r.Status, r.ExpiresAt });
        reservation.HasIndex(r => r.Reference);
        reservation.Property(r => r.SortKey).HasMaxLength(64).IsRequired();
        reservation.HasIndex(r => r.SortKey).IsUnique();
        reservation.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId);

        var line = modelBuilder.Entity<ReservationLine>();
        line.ToTable("reservation_lines");
        line.HasKey(l => new { l.ReservationId, l.LineNumber });
        line.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        line.Property(l => l.SkuKey).HasMaxLength(64).IsRequired();
        line.Property(l => l.WarehouseCode).HasMaxLength(32).IsRequired();
        line.ToTable(t => t.HasCheckConstraint("ck_reservation_lines_quantity_positive", "quantity > 0"));
    }

    private static void ConfigureTransfers(ModelBuilder modelBuilder)
    {
        var transfer = modelBuilder.Entity<Transfer>();
        transfer.ToTable("transfers");
        transfer.HasKey(t => t.Id);
        transfer.Property(t => t.Id).ValueGeneratedNever();
        transfer.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        transfer.Property(t => t.FromWarehouseCode).HasMaxLength(32).IsRequired();
        transfer.Property(t => t.ToWarehouseCode).HasMaxLength(32).IsRequired();
        transfer.Property(t => t.Reference).HasMaxLength(200);
        transfer.Property(t => t.Actor).HasMaxLength(100).IsRequired();
        transfer.Property(t => t.SortKey).HasMaxLength(64).IsRequired();
        transfer.HasIndex(t => t.SortKey).IsUnique();
        transfer.HasIndex(t => t.Status);
        transfer.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TransferId);

        var line = modelBuilder.Entity<TransferLine>();
        line.ToTable("transfer_lines", t => t.HasCheckConstraint("ck_transfer_lines_quantity_positive", "quantity > 0"));
        line.HasKey(l => new { l.TransferId, l.LineNumber });
        line.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        line.Property(l => l.SkuKey).HasMaxLength(64).IsRequired();
    }

    private static void ConfigureBookkeeping(ModelBuilder modelBuilder)
    {
        var key = modelBuilder.Entity<IdempotencyRecord>();
        key.ToTable("idempotency_keys");
        key.HasKey(k => k.Key);
        key.Property(k => k.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        key.Property(k => k.Operation).HasMaxLength(64).IsRequired();
        key.Property(k => k.RequestHash).HasMaxLength(64).IsRequired();
        key.Property(k => k.Result).IsRequired();
        key.HasIndex(k => k.CreatedAt);

        var allocation = modelBuilder.Entity<AllocationSettings>();
        allocation.ToTable("allocation_settings");
        allocation.HasKey(a => a.Id);
        allocation.Property(a => a.Id).ValueGeneratedNever();
        allocation.Property(a => a.Strategy).HasConversion<string>().HasMaxLength(16);

        var po = modelBuilder.Entity<PurchaseOrder>();
        po.ToTable("purchase_orders");
        po.HasKey(p => p.Id);
        po.Property(p => p.Id).ValueGeneratedNever();
        po.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
        po.Property(p => p.Supplier).HasMaxLength(200).IsRequired();
        po.Property(p => p.WarehouseCode).HasMaxLength(32).IsRequired();
        po.Property(p => p.Actor).HasMaxLength(100).IsRequired();
        po.Property(p => p.SortKey).HasMaxLength(64).IsRequired();
        po.HasIndex(p => p.SortKey).IsUnique();
        po.HasIndex(p => p.Status);
        po.Ignore(p => p.Reference);
        po.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseOrderId);
        var poLine = modelBuilder.Entity<PurchaseOrderLine>();
        poLine.ToTable("purchase_order_lines", t => t.HasCheckConstraint("ck_purchase_order_lines_quantities", "quantity > 0 AND received >= 0"));
        poLine.HasKey(l => new { l.PurchaseOrderId, l.LineNumber });
        poLine.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        poLine.Property(l => l.SkuKey).HasMaxLength(64).IsRequired();
        poLine.Ignore(l => l.Remaining);

        var run = modelBuilder.Entity<Reconciliation>();
        run.ToTable("reconciliations");
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).ValueGeneratedNever();
        run.HasIndex(r => r.CheckedAt);
        run.HasMany(r => r.Drifts).WithOne().HasForeignKey(d => d.ReconciliationId);

        var drift = modelBuilder.Entity<StockDrift>();
        drift.ToTable("stock_drifts");
        drift.HasKey(d => new { d.ReconciliationId, d.Number });
        drift.Property(d => d.Sku).HasMaxLength(64).IsRequired();
        drift.Property(d => d.WarehouseCode).HasMaxLength(32).IsRequired();
        drift.Property(d => d.Quantity).HasMaxLength(16).IsRequired();
    }
}

internal sealed class SqliteStockDbContext(DbContextOptions<SqliteStockDbContext> options) : StockDbContext(options);

internal sealed class PostgresStockDbContext(DbContextOptions<PostgresStockDbContext> options) : StockDbContext(options);

internal sealed class SqlServerStockDbContext(DbContextOptions<SqlServerStockDbContext> options) : StockDbContext(options);

// Used by `dotnet ef migrations add` (scripts/add-migration.sh) only.
internal sealed class SqliteStockDesignTimeFactory() : ModuleDesignTimeFactory<SqliteStockDbContext>(DatabaseProvider.Sqlite, StockDbContext.SchemaName);

internal sealed class PostgresStockDesignTimeFactory() : ModuleDesignTimeFactory<PostgresStockDbContext>(DatabaseProvider.PostgreSql, StockDbContext.SchemaName);

internal sealed class SqlServerStockDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerStockDbContext>(DatabaseProvider.SqlServer, StockDbContext.SchemaName);
