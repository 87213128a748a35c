using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Tenancy;

public enum TenantResolutionStatus { Resolved, NotNamed, NotFound }

public sealed record TenantResolution(TenantResolutionStatus Status, TenantInfo? Tenant, string? RequestedId);

/// <summary>
/// Finds the tenant an HTTP request is for. Until authentication exists the request names it in the
/// <c>X-Tenant</c> header, else the configured default tenant serves; the Tenants module adds the token
/// claim (authoritative) and the subdomain in front of these.
/// </summary>
public interface ITenantResolver
{
    ValueTask<TenantResolution> ResolveAsync(HttpContext http, CancellationToken cancellationToken);
}

internal sealed class HeaderTenantResolver(ITenantStore store, IOptions<TenancyOptions> options) : ITenantResolver
{
    public const string Header = "X-Tenant";

    public async ValueTask<TenantResolution> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        string? requested = http.Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(requested))
            requested = options.Value.DefaultTenant;
        if (string.IsNullOrWhiteSpace(requested))
            return new(TenantResolutionStatus.NotNamed, null, null);

        var tenant = await store.FindAsync(requested.Trim(), cancellationToken);
        return tenant is null
            ? new(TenantResolutionStatus.NotFound, null, requested)
            : new(TenantResolutionStatus.Resolved, tenant, requested);
    }
}
