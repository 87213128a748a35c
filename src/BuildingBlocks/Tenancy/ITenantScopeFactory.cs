using Microsoft.Extensions.DependencyInjection;

namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>Opens a DI scope that belongs to one tenant: what jobs, the outbox dispatcher and tests use.</summary>
public interface ITenantScopeFactory
{
    AsyncServiceScope CreateScope(TenantInfo tenant);
}

internal sealed class TenantScopeFactory(IServiceScopeFactory scopes) : ITenantScopeFactory
{
    public AsyncServiceScope CreateScope(TenantInfo tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }
}
