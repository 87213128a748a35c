using System.Security.Claims;
using Inventory.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Tenancy;

public enum TenantResolutionStatus { Resolved, NotNamed, NotFound, Mismatch }

public sealed record TenantResolution(TenantResolutionStatus Status, TenantInfo? Tenant, string? RequestedId);

/// <summary>
/// Finds the tenant an HTTP request is for. A signed-in caller's token names it (authoritative); the
/// <c>X-Tenant</c> header and the subdomain may name it too, and naming another tenant than the token is a
/// mismatch (refused with 403). Without a token: the header, else the subdomain, else the default tenant.
/// </summary>
public interface ITenantResolver
{
    ValueTask<TenantResolution> ResolveAsync(HttpContext http, CancellationToken cancellationToken) =>
        ResolveAsync(http.User, http.Request.Headers[TenantResolver.Header].FirstOrDefault(), http.Request.Host.Host, cancellationToken);

    /// <summary>
    /// The same rules with the tenant named explicitly (<paramref name="namedTenant"/> plays the <c>X-Tenant</c>
    /// header; a WebSocket connection names it in its connection_init payload).
    /// </summary>
    ValueTask<TenantResolution> ResolveAsync(ClaimsPrincipal user, string? namedTenant, string host, CancellationToken cancellationToken);
}

internal sealed class TenantResolver(ITenantStore store, IOptions<TenancyOptions> options) : ITenantResolver
{
    public const string Header = "X-Tenant";

    public async ValueTask<TenantResolution> ResolveAsync(ClaimsPrincipal user, string? namedTenant, string host, CancellationToken cancellationToken)
    {
        var fromToken = TokenTenant(user);
        var fromHeader = namedTenant?.Trim();
        if (string.IsNullOrEmpty(fromHeader))
            fromHeader = null;
        var fromSubdomain = Subdomain(host, options.Value.BaseDomain);

        string? requested;
        if (fromToken is not null)
        {
            if ((fromHeader is not null && fromHeader != fromToken) || (fromSubdomain is not null && fromSubdomain != fromToken))
                return new(TenantResolutionStatus.Mismatch, null, fromHeader ?? fromSubdomain);
            requested = fromToken;
        }
        else if (fromHeader is null && fromSubdomain is null)
        {
            // Nobody named a tenant: the default serves if it can; if it cannot, the request simply has no
            // tenant (sign-in, onboarding and operators need none), rather than failing for a tenant nobody asked for.
            var fallback = options.Value.DefaultTenant;
            var defaultTenant = string.IsNullOrWhiteSpace(fallback) ? null : await store.FindAsync(fallback, cancellationToken);
            return defaultTenant is { Status: TenantStatus.Active }
                ? new(TenantResolutionStatus.Resolved, defaultTenant, fallback)
                : new(TenantResolutionStatus.NotNamed, null, null);
        }
        else
        {
            requested = fromHeader ?? fromSubdomain;
        }

        if (string.IsNullOrWhiteSpace(requested))
            return new(TenantResolutionStatus.NotNamed, null, null);
        var tenant = await store.FindAsync(requested, cancellationToken);
        return tenant is null
            ? new(TenantResolutionStatus.NotFound, null, requested)
            : new(TenantResolutionStatus.Resolved, tenant, requested);
    }

    private static string? TokenTenant(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(Access.TenantClaim)?.Value : null;

    /// <summary><c>acme.inventory.example</c> names <c>acme</c> when the base domain is <c>inventory.example</c>.</summary>
    internal static string? Subdomain(string host, string? baseDomain)
    {
        if (string.IsNullOrEmpty(baseDomain) || !host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase))
            return null;
        var label = host[..^(baseDomain.Length + 1)];
        return label.Length == 0 || label.Contains('.') ? null : label.ToLowerInvariant();
    }
}
