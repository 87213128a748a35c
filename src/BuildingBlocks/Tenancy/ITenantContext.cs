namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>The tenant of the current unit of work (an HTTP request, a consumed message, a job run).</summary>
public interface ITenantContext
{
    TenantInfo? Current { get; }

    /// <summary>The current tenant; throws when none was set, so that no data access runs without one.</summary>
    TenantInfo Tenant => Current ?? throw new TenantNotSetException();
}

public sealed class TenantNotSetException() : InvalidOperationException("No tenant is set for this unit of work.");
