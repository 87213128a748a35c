using System.Security.Claims;

namespace Inventory.BuildingBlocks.Security;

/// <summary>
/// Says whether a caller whose credentials are genuine (a signed, unexpired token; an API key) may still act:
/// a token outlives changes to its user (deactivated, roles taken away, password changed), and a module that
/// keeps the users knows whether one happened. Called before anything executes: for every HTTP request with a
/// token, and over WebSocket at connection_init, before every later operation and at every keep-alive.
/// </summary>
public interface ICallerValidator
{
    /// <summary>Why <paramref name="caller"/> may no longer act (a message for the caller), or null when it may.</summary>
    ValueTask<string?> RefusalAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);
}
