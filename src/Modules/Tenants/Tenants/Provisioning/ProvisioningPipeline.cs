using System.Data.Common;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Features.ProvisioningProgress;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Provisioning;

/// <summary>
/// Provisions one tenant, step by step, recording each step's state in the registry so that progress is
/// visible and a failure can be resumed: a retry starts at the failed step, and every step is idempotent
/// (it checks what already exists), so running one twice does no harm.
/// </summary>
internal sealed class ProvisioningPipeline(
    SystemDbContextFactory<RegistryDbContext> registry,
    RegistryTenantSource tenantCache,
    PlacementPolicy placement,
    TenantDatabaseMigrator migrator,
    IEnumerable<IModuleDatabase> moduleDatabases,
    IAdminAccountProvisioner admins,
    ProvisioningNotifier notifier,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<ProvisioningPipeline> logger)
{
    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null || tenant.Status != TenantStatus.Provisioning)
            return;

        foreach (var step in tenant.Steps.OrderBy(s => s.Order).Where(s => s.State != StepState.Done).ToList())
        {
            await MarkAsync(db, tenant, step, StepState.Running, null, cancellationToken);
            string message;
            try
            {
                message = await ExecuteAsync(db, tenant, step.Step, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Provisioning step {Step} failed for tenant {Slug}", step.Step, tenant.Slug);
                var reason = $"{step.Step} failed: {ex.GetBaseException().Message}";
                tenant.Status = TenantStatus.Failed;
                tenant.FailureReason = reason.Length > 2000 ? reason[..2000] : reason;
                // The step's message is public (the portal shows it); the reason, with the error, is for operators.
                await MarkAsync(db, tenant, step, StepState.Failed, $"{step.Step} failed; provisioning can be retried.", CancellationToken.None);
                return;
            }
            await MarkAsync(db, tenant, step, StepState.Done, message, cancellationToken);
        }
        logger.LogInformation("Tenant {Slug} is active on server {Server}", tenant.Slug, tenant.ServerName);
    }

    private async Task<string> ExecuteAsync(RegistryDbContext db, TenantRecord tenant, string step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case ProvisioningSteps.PlaceDatabase:
                if (tenant.ServerName is null)
                {
                    var server = await placement.ChooseAsync(cancellationToken)
                        ?? throw new InvalidOperationException("Every database server is at capacity.");
                    tenant.ServerName = server.Name;
                    tenant.DatabaseName = DatabaseNameOf(DatabaseOptions.FillTemplate(server.ConnectionTemplate, tenant.Slug));
                }
                return "A database server was chosen.";

            case ProvisioningSteps.CreateDatabase:
            {
                var info = Info(tenant);
                if (database.Value.Provider == DatabaseProvider.Sqlite)
                {
                    await TenantDatabaseMigrator.PrepareSqliteFileAsync(info.ConnectionString, cancellationToken);
                    return "Database file ready.";
                }
                await using var context = moduleDatabases.First().Create(info);
                var creator = context.GetService<IRelationalDatabaseCreator>();
                if (await creator.ExistsAsync(cancellationToken))
                    return "Database already existed.";
                await creator.CreateAsync(cancellationToken);
                return "Database created.";
            }

            case ProvisioningSteps.ApplyMigrations:
                await migrator.MigrateAsync(Info(tenant), cancellationToken);
                return $"{moduleDatabases.Count()} module schemas up to date.";

            case ProvisioningSteps.SeedDefaults:
                await migrator.SeedAsync(Info(tenant), cancellationToken);
                return "Defaults seeded.";

            case ProvisioningSteps.CreateAdmin:
                if (tenant.PendingAdminPasswordHash is not null)
                    await admins.EnsureAdminAsync(Info(tenant), tenant.AdminEmail, tenant.PendingAdminPasswordHash, cancellationToken);
                tenant.PendingAdminPasswordHash = null;
                return "Administrator account ready.";

            case ProvisioningSteps.Activate:
                tenant.Status = TenantStatus.Active;
                tenant.FailureReason = null;
                return "Tenant is active.";

            default:
                throw new InvalidOperationException($"Unknown provisioning step {step}.");
        }
    }

    private TenantInfo Info(TenantRecord tenant)
    {
        var server = database.Value.EffectiveServers().FirstOrDefault(s => s.Name == tenant.ServerName)
            ?? throw new InvalidOperationException($"Database server '{tenant.ServerName}' is not configured.");
        return new TenantInfo(tenant.Slug, tenant.Name, DatabaseOptions.FillTemplate(server.ConnectionTemplate, tenant.Slug), tenant.Status);
    }

    private async Task MarkAsync(RegistryDbContext db, TenantRecord tenant, ProvisioningStepRecord step, StepState state, string? message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        step.State = state;
        step.Message = message;
        step.UpdatedAt = now;
        tenant.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        tenantCache.Invalidate(tenant.Slug);
        notifier.Changed(tenant.Slug);
    }

    private static string? DatabaseNameOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Database", "Initial Catalog", "Data Source" })
            if (builder.TryGetValue(key, out var value) && value is string name)
                return key == "Data Source" ? Path.GetFileName(name) : name;
        return null;
    }
}
