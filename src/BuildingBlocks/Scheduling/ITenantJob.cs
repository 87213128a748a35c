namespace Inventory.BuildingBlocks.Scheduling;

/// <summary>Scheduled work of a module that runs once per active tenant, resolved in that tenant's scope.</summary>
public interface ITenantJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

internal sealed record TenantJobRegistration(Type JobType, TimeSpan Interval);
