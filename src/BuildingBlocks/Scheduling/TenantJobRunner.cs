using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Inventory.BuildingBlocks.Scheduling;

/// <summary>
/// The Quartz job behind every <see cref="ITenantJob"/>: iterates the active tenants and runs the module's
/// job in a scope that belongs to each. One tenant's failure is logged and does not stop the others.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TenantJobRunner<TJob>(ITenantStore tenants, ITenantScopeFactory scopes, ILogger<TenantJobRunner<TJob>> logger) : IJob
    where TJob : class, ITenantJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var tenant in await tenants.ListActiveAsync(cancellationToken))
        {
            try
            {
                await using var scope = scopes.CreateScope(tenant);
                await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Job {Job} failed for tenant {TenantId}", typeof(TJob).Name, tenant.Id);
            }
        }
    }
}
