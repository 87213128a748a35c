using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ApiKeys;

internal sealed class RevokeApiKeyInput
{
    public string Id { get; init; } = "";
}

internal sealed class RevokeApiKeyInputType : InputObjectGraphType<RevokeApiKeyInput>
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

internal sealed record RevokeApiKeyPayload(ApiKey? ApiKey, IReadOnlyList<UserError> UserErrors);

internal sealed class RevokeApiKeyPayloadType : ObjectGraphType<RevokeApiKeyPayload>
{
    public RevokeApiKeyPayloadType()
    {
        Name = "RevokeApiKeyPayload";
        Field<ApiKeyType>("apiKey").Resolve(ctx => ctx.Source.ApiKey);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>Revokes an API key for good; revoking it again answers it as it is (the first revocation time stays).</summary>
internal sealed class RevokeApiKeyHandler(ModuleDbContextFactory<IdentityDbContext> contexts, ITenantContext tenant, SecurityStamps stamps, TimeProvider time)
{
    public async Task<RevokeApiKeyPayload> HandleAsync(RevokeApiKeyInput input, CancellationToken cancellationToken)
    {
        if (Ids.Parse(input.Id) is not { } id)
            return new(null, [IdentityErrors.ApiKeyNotFound()]);
        await using var db = contexts.Create();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
            return new(null, [IdentityErrors.ApiKeyNotFound()]);
        if (!key.IsRevoked)
        {
            var now = time.GetUtcNow().UtcDateTime;
            // Conditional: a concurrent revocation keeps its (first) time.
            await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
            await db.Entry(key).ReloadAsync(cancellationToken);
            stamps.ForgetApiKeys(tenant.Tenant.Id, [id]);
        }
        return new(key, []);
    }
}

internal static class RevokeApiKeyMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RevokeApiKeyPayloadType>>("revokeApiKey")
            .Description("Revokes an API key: it is refused from now on. Idempotent. Fails with NOT_FOUND.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<RevokeApiKeyHandler>()
                .HandleAsync(ctx.GetArgument<RevokeApiKeyInput>("input"), ctx.CancellationToken));
}
