using System.Threading.Channels;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;

namespace Inventory.Tenants.Provisioning;

/// <summary>Tenants waiting to be provisioned; onboarding answers at once and the work runs here, in the background.</summary>
internal sealed class ProvisioningQueue
{
    private readonly Channel<Guid> _tenants = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid tenantId) => _tenants.Writer.TryWrite(tenantId);

    public ChannelReader<Guid> Reader => _tenants.Reader;
}

/// <summary>Runs the provisioning pipeline for queued tenants; at start it resumes those a stop interrupted.</summary>
internal sealed class ProvisioningWorker(
    ProvisioningQueue queue,
    ProvisioningPipeline pipeline,
    SystemDbContextFactory<RegistryDbContext> registry,
    ILogger<ProvisioningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = registry.Create())
        {
            var interrupted = await db.Tenants.AsNoTracking()
                .Where(t => t.Status == TenantStatus.Provisioning)
                .Select(t => t.Id).ToListAsync(stoppingToken);
            foreach (var id in interrupted)
                queue.Enqueue(id);
        }

        await foreach (var tenantId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await pipeline.RunAsync(tenantId, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Provisioning of tenant {TenantRecordId} stopped unexpectedly", tenantId);
            }
        }
    }
}
