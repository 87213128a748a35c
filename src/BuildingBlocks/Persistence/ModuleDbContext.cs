using Inventory.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's DbContext: the module's own schema, and the outbox and inbox tables that live
/// in that schema so that a change and the events it raises commit in one local transaction.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module's schema (<c>catalog</c>, <c>stock</c>...). SQLite has no schemas: tables are prefixed instead.</summary>
    protected abstract string Schema { get; }

    /// <summary>The schema, for the platform's own plumbing (which module's outbox a commit wrote to).</summary>
    internal string ModuleSchema => Schema;

    /// <summary>The tenant this context was opened for; stamped on outbox messages.</summary>
    public string TenantId { get; internal set; } = "";

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    internal bool HasUnsignalledOutboxMessages { get; set; }

    /// <summary>Adds an integration event to the outbox; it is sent only if this context's transaction commits.</summary>
    public void Publish<TEvent>(TEvent integrationEvent, DateTime occurredAt) where TEvent : class
    {
        if (TenantId.Length == 0)
            throw new InvalidOperationException("A context without a tenant cannot publish integration events.");
        OutboxMessages.Add(OutboxMessage.Create(integrationEvent, TenantId, occurredAt));
    }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        ConfigureModel(modelBuilder);
        OutboxMessage.Configure(modelBuilder.Entity<OutboxMessage>());
        InboxMessage.Configure(modelBuilder.Entity<InboxMessage>());

        if (Database.IsSqlite())
        {
            // One SQLite file holds every module of a tenant: keep the modules apart by a table prefix.
            modelBuilder.HasDefaultSchema(null);
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                entity.SetSchema(null);
                entity.SetTableName($"{Schema}_{entity.GetTableName()}");
            }
            foreach (var owned in modelBuilder.Model.GetEntityTypes().Where(e => e.IsOwned() && e.GetTableName() is not null))
            {
                var table = owned.GetTableName()!;
                if (!table.StartsWith(Schema + "_", StringComparison.Ordinal))
                    owned.SetTableName($"{Schema}_{table}");
                owned.SetSchema(null);
            }
        }
    }

    // Contexts are pooled: what this class adds to a context's state is cleared when it goes back.
    public override ValueTask DisposeAsync()
    {
        HasUnsignalledOutboxMessages = false;
        return base.DisposeAsync();
    }

    public override void Dispose()
    {
        HasUnsignalledOutboxMessages = false;
        base.Dispose();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Flagged before saving: the interceptor that signals the dispatcher runs inside base.SaveChangesAsync.
        if (ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            HasUnsignalledOutboxMessages = true;
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
