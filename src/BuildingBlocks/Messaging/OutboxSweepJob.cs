using Inventory.BuildingBlocks.Tenancy;
using Quartz;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>The periodic sweep: wakes the dispatcher for every tenant, so messages left behind by a crash, a broker outage or a backoff are sent.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxSweepJob(ITenantStore tenants, OutboxSignal signal) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var tenant in await tenants.ListActiveAsync(cancellationToken))
            signal.Notify(tenant.Id);
    }
}
