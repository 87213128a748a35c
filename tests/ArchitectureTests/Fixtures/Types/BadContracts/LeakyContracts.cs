using Inventory.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;

// Deliberately broken Contracts: every type here breaks Contracts purity, and the rule must say so.
namespace Inventory.ArchitectureTests.Fixtures.BadContracts;

public sealed class LeakyCatalogContext : DbContext;

public sealed record StockSnapshot(NewId SnapshotId, int OnHand);

public sealed record TenantDirectoryEntry(TenantInfo Tenant);
