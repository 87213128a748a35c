using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inventory.BuildingBlocks.Operations;

/// <summary>Ready only when every active tenant database answers.</summary>
internal sealed class TenantDatabasesHealthCheck(ITenantStore tenants, IEnumerable<IModuleDatabase> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var database = databases.FirstOrDefault();
        if (database is null)
            return HealthCheckResult.Healthy("No module database is registered.");
        var unreachable = new List<string>();
        var active = await tenants.ListActiveAsync(cancellationToken);
        foreach (var tenant in active)
        {
            await using var db = database.Create(tenant);
            if (!await db.Database.CanConnectAsync(cancellationToken))
                unreachable.Add(tenant.Id);
        }
        return unreachable.Count == 0
            ? HealthCheckResult.Healthy($"{active.Count} tenant database(s) reachable.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Unreachable tenant databases: {string.Join(", ", unreachable)}.");
    }
}
