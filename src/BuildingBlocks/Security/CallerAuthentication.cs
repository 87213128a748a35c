using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Security;

/// <summary>Sets <c>HttpContext.User</c> from the request's credentials: a bearer token, or the operator key.</summary>
internal static class CallerAuthentication
{
    public const string OperatorHeader = "X-Operator-Key";

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

        if (!http.Request.Headers.Authorization.Any(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true))
            return true; // anonymous

        // API keys of integrations are bearer tokens too, recognised by their prefix.
        var bearer = http.Request.Headers.Authorization.First(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)!["Bearer ".Length..].Trim();
        if (bearer.StartsWith("ik_", StringComparison.Ordinal))
        {
            foreach (var apiKeys in http.RequestServices.GetServices<IApiKeyAuthenticator>())
                if (await apiKeys.AuthenticateAsync(bearer, http.RequestAborted) is { } principal)
                {
                    http.User = principal;
                    return true;
                }
            return false; // an invalid API key is 401, never anonymous
        }
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
            return false;
        http.User = result.Principal;
        return true;
    }

    private static bool FixedTimeEquals(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
