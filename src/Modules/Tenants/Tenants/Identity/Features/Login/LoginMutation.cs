using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.Login;

internal static class LoginMutation
{
    public const string SignInRateLimit = "sign-in";

    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<LoginPayloadType>>("login")
            .Description("Signs a user in to a tenant and returns an access token. Needs no tenant on the request. " +
                "Fails with VALIDATION, TENANT_NOT_FOUND, TENANT_SUSPENDED, TENANT_NOT_READY, INVALID_CREDENTIALS or LOCKED_OUT " +
                "(too many failed attempts: wait the seconds the message gives). At most one per request; rate-limited per client address (RATE_LIMITED).")
            .AllowAnonymous()
            .MaxPerRequest(1)
            // Each sign-in costs a password hash: an address gets a few per minute, far more than a person types.
            .RateLimitPerClient(SignInRateLimit, permitLimit: 30, window: TimeSpan.FromMinutes(1))
            .Argument<NonNullGraphType<LoginInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<LoginHandler>()
                .HandleAsync(ctx.GetArgument<LoginInput>("input"), ctx.CancellationToken));
}
