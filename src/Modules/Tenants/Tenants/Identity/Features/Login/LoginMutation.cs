using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.Login;

internal static class LoginMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<LoginPayloadType>>("login")
            .Description("Signs a user in to a tenant and returns an access token. Needs no tenant on the request. " +
                "Fails with VALIDATION, TENANT_NOT_FOUND, TENANT_SUSPENDED, TENANT_NOT_READY, INVALID_CREDENTIALS or LOCKED_OUT.")
            .AllowAnonymous()
            .Argument<NonNullGraphType<LoginInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<LoginHandler>()
                .HandleAsync(ctx.GetArgument<LoginInput>("input"), ctx.CancellationToken));
}
