using System.Security.Claims;

namespace Inventory.BuildingBlocks.Security;

/// <summary>Turns an API key presented as a bearer token (<c>ik_...</c>) into the caller it stands for, or null.</summary>
public interface IApiKeyAuthenticator
{
    Task<ClaimsPrincipal?> AuthenticateAsync(string key, CancellationToken ct);
}
