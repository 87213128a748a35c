using System.Security.Claims;
using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.ManageUsers;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ApiKeys;

internal sealed class CreateApiKeyInput
{
    public string Name { get; init; } = "";
    public Roles Role { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

internal sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Field(i => i.Name).Description($"What the key is for, 1-{ApiKey.NameMaxLength} characters.");
        Field<NonNullGraphType<RoleType>>("role").Description("The one role the key acts with.");
        Field<DateTimeOffsetGraphType>("expiresAt")
            .Description("When the key stops being accepted: in the future, at most 2 years ahead. Left out, the key does not expire (it is revoked with its creator's admin rights).");
    }
}

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyInput>
{
    public CreateApiKeyValidator(TimeProvider time)
    {
        RuleFor(i => i.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required.")
            .Must(n => n.Trim().Length <= ApiKey.NameMaxLength).WithMessage($"Name is at most {ApiKey.NameMaxLength} characters.");
        RuleFor(i => i.Role).Must(r => RoleNames.All.Contains(r)).WithMessage("An API key has exactly one role.");
        RuleFor(i => i.ExpiresAt).Cascade(CascadeMode.Stop)
            .Must(at => at is not { } end || end > time.GetUtcNow()).WithMessage("The expiry must be in the future.")
            .Must(at => at is not { } end || end <= time.GetUtcNow() + ApiKey.MaxLifetime)
            .WithMessage($"The expiry is at most {ApiKey.MaxLifetime.TotalDays:0} days ahead.");
    }
}

/// <summary>What <c>createApiKey</c> answers: the key, and its secret this once.</summary>
internal sealed record CreateApiKeyPayload(ApiKey? ApiKey, string? Secret, IReadOnlyList<UserError> UserErrors)
{
    public static CreateApiKeyPayload Ok(ApiKey key, string secret) => new(key, secret, []);
    public static CreateApiKeyPayload Fail(IReadOnlyList<UserError> errors) => new(null, null, errors);

    public override string ToString() => $"CreateApiKeyPayload {{ ApiKey = {ApiKey?.Id}, Secret = {(Secret is null ? "null" : "***")}, UserErrors = [{string.Join(", ", UserErrors)}] }}";
}

internal sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyPayload>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field<ApiKeyType>("apiKey").Resolve(ctx => ctx.Source.ApiKey);
        Field<StringGraphType>("secret")
            .Description("The key to send as `Authorization: Bearer <secret>`. Shown only here, once: only its hash is kept.")
            .Resolve(ctx => ctx.Source.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>
/// Issues an API key of the caller's tenant; the secret carries the tenant's slug and is stored only as its SHA-256.
/// The key records the user whose power it carries (the caller, or the creating key's user), read again in the same
/// serializable transaction as the insert (<see cref="CallerGuard"/>).
/// </summary>
internal sealed class CreateApiKeyHandler(
    ITenantContext tenant, ModuleDbContextFactory<IdentityDbContext> contexts, IValidator<CreateApiKeyInput> validator, TimeProvider time)
{
    public async Task<CreateApiKeyPayload> HandleAsync(CreateApiKeyInput input, ClaimsPrincipal? caller, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return CreateApiKeyPayload.Fail(errors);

        return await LastAdminGuard.RunAsync(contexts.Create, async db =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var creator = await CallerGuard.AdminAsync(db, caller, now, cancellationToken);
            if (!creator.Allowed)
                return CreateApiKeyPayload.Fail([CallerGuard.Refused]);
            var (key, secret) = ApiKey.Issue(tenant.Tenant.Id, input.Name, input.Role, now, creator.UserId, input.ExpiresAt?.UtcDateTime);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            return CreateApiKeyPayload.Ok(key, secret);
        }, cancellationToken);
    }
}

internal static class CreateApiKeyMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Issues an API key of the caller's tenant with one role, optionally expiring. Its `secret` is shown in this answer only. " +
                "The key is revoked when the user who created it is deactivated or loses ADMIN. Fails with VALIDATION.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreateApiKeyHandler>()
                .HandleAsync(ctx.GetArgument<CreateApiKeyInput>("input"), ctx.User, ctx.CancellationToken));
}
