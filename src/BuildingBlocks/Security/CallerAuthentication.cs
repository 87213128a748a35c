using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Security;

/// <summary>Sets <c>HttpContext.User</c> from the request's credentials: a bearer token, or the operator key.</summary>
internal static class CallerAuthentication
{
    public const string OperatorHeader = "X-Operator-Key";
    public const string InvalidTokenMessage = "The access token is not valid.";
    private const string RefusalItem = "inventory:caller-refusal";

    /// <summary>What a refused request is told: why its token no longer counts, when that is known.</summary>
    public static string RefusalMessage(HttpContext http) => http.Items[RefusalItem] as string ?? InvalidTokenMessage;

    /// <summary>False when credentials were presented and are not valid.</summary>
    public static async Task<bool> AuthenticateAsync(HttpContext http)
    {
        var operatorKey = http.Request.Headers[OperatorHeader].FirstOrDefault();
        if (!string.IsNullOrEmpty(operatorKey))
        {
            var configured = http.RequestServices.GetRequiredService<IOptions<TenancyOptions>>().Value.OperatorKey;
            if (string.IsNullOrEmpty(configured) || !FixedTimeEquals(operatorKey, configured))
                return false;
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Access.RoleClaim, Access.OperatorRole)], Access.OperatorAuthenticationType, "sub", Access.RoleClaim));
            return true;
        }

        var authorization = http.Request.Headers.Authorization.FirstOrDefault(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true);
        if (authorization is null)
            return true; // anonymous

        var (principal, refusal) = await AuthenticateBearerWithReasonAsync(http.RequestServices, authorization, http.RequestAborted);
        if (principal is null)
        {
            http.Items[RefusalItem] = refusal;
            return false;
        }
        http.User = principal;
        return true;
    }

    /// <summary>
    /// The caller an <c>Authorization</c> value (<c>Bearer &lt;token or API key&gt;</c>) stands for, or null when it
    /// is not valid. HTTP requests carry it in their header; WebSocket connections in their connection_init payload.
    /// </summary>
    public static async Task<ClaimsPrincipal?> AuthenticateBearerAsync(IServiceProvider services, string authorization, CancellationToken cancellationToken) =>
        (await AuthenticateBearerWithReasonAsync(services, authorization, cancellationToken)).Principal;

    /// <summary>As <see cref="AuthenticateBearerAsync"/>, with why a genuine token was refused (null for any other failure).</summary>
    public static async Task<(ClaimsPrincipal? Principal, string? Refusal)> AuthenticateBearerWithReasonAsync(
        IServiceProvider services, string authorization, CancellationToken cancellationToken)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        var bearer = authorization["Bearer ".Length..].Trim();
        if (bearer.Length == 0)
            return (null, null);

        // API keys of integrations are bearer tokens too, recognised by their prefix. An invalid key is refused,
        // never taken as anonymous.
        if (bearer.StartsWith("ik_", StringComparison.Ordinal))
        {
            // The authenticator reads the key itself (revoked, expired): no second check.
            foreach (var apiKeys in services.GetServices<IApiKeyAuthenticator>())
                if (await apiKeys.AuthenticateAsync(bearer, cancellationToken) is { } principal)
                    return (principal, null);
            return (null, null);
        }

        // The JwtBearer scheme's own handlers and parameters, so both transports accept exactly the same tokens.
        var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in jwt.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(bearer, jwt.TokenValidationParameters);
            if (result.IsValid && result.ClaimsIdentity is { } identity)
            {
                // A genuine token may still be stale: its user deactivated, demoted or given a new password since.
                var principal = new ClaimsPrincipal(identity);
                return await RefusalAsync(services, principal, cancellationToken) is { } refusal ? (null, refusal) : (principal, null);
            }
        }
        return (null, null);
    }

    /// <summary>Why an authenticated caller may no longer act, or null: asks every <see cref="ICallerValidator"/>.</summary>
    public static async ValueTask<string?> RefusalAsync(IServiceProvider services, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.Identity?.IsAuthenticated != true || Access.IsOperator(caller))
            return null;
        foreach (var validator in services.GetServices<ICallerValidator>())
            if (await validator.RefusalAsync(caller, cancellationToken) is { } refusal)
                return refusal;
        return null;
    }

    private static bool FixedTimeEquals(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
