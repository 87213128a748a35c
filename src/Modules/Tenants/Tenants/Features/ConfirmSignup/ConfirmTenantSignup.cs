using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Features.OnboardTenant;
using Inventory.Tenants.Features.ProvisioningProgress;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Provisioning;
using Inventory.Tenants.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Features.ConfirmSignup;

internal sealed record ConfirmTenantSignupInput
{
    public string Slug { get; init; } = "";
    public string Code { get; init; } = "";

    public override string ToString() => $"ConfirmTenantSignupInput {{ Slug = {Slug} }}";
}

internal sealed class ConfirmTenantSignupInputType : InputObjectGraphType<ConfirmTenantSignupInput>
{
    public ConfirmTenantSignupInputType()
    {
        Name = "ConfirmTenantSignupInput";
        Field(i => i.Slug);
        Field(i => i.Code).Description("The code emailed to the administrator's address.");
    }
}

internal sealed class ConfirmTenantSignupValidator : AbstractValidator<ConfirmTenantSignupInput>
{
    public const int CodeMaxLength = 32;

    public ConfirmTenantSignupValidator()
    {
        RuleFor(i => i.Slug).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 40).WithMessage("Slug is required (at most 40 characters).");
        RuleFor(i => i.Code).Must(c => !string.IsNullOrWhiteSpace(c) && c.Trim().Length <= CodeMaxLength).WithMessage($"Code is required (at most {CodeMaxLength} characters).");
    }
}

/// <summary>
/// Proves the administrator's address: the right code turns PENDING_VERIFICATION into PROVISIONING and queues the
/// database's creation. Each try is counted by a conditional UPDATE before the code is compared, so parallel guesses
/// cannot get more than the allowed tries; after them, or once the code expired, the signup must start again.
/// </summary>
internal sealed class ConfirmTenantSignupHandler(
    SystemDbContextFactory<RegistryDbContext> registry,
    RegistryTenantSource cache,
    IValidator<ConfirmTenantSignupInput> validator,
    ProvisioningQueue queue,
    ProvisioningNotifier notifier,
    IOptions<OnboardingOptions> options,
    TimeProvider time)
{
    public async Task<TenantPayload> HandleAsync(ConfirmTenantSignupInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return TenantPayload.Fail(errors);

        var slug = input.Slug.Trim();
        var maxAttempts = options.Value.MaxCodeAttempts;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = registry.Create();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tenant is null)
            return TenantPayload.Fail(UserError.NotFound("The signup", "input.slug"));
        if (tenant.Status is TenantStatus.Provisioning or TenantStatus.Active && tenant.VerificationCodeHash is null && tenant.VerificationExpiresAt is not null)
            return TenantPayload.Ok(tenant); // confirmed already: retry-safe
        if (tenant.Status != TenantStatus.PendingVerification || tenant.VerificationCodeHash is null)
            return TenantPayload.Fail(new UserError(TenantErrors.InvalidStatus,
                $"This tenant is not waiting for a confirmation code (it is {tenant.Status.ToString().ToUpperInvariant()}).", "input.slug"));

        var counted = await db.Tenants
            .Where(t => t.Id == tenant.Id && t.Status == TenantStatus.PendingVerification && t.VerificationAttempts < maxAttempts && t.VerificationExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.VerificationAttempts, t => t.VerificationAttempts + 1), cancellationToken);
        if (counted == 0)
        {
            // Read again: parallel tries may have used the last ones since the row was read.
            var attempts = await db.Tenants.Where(t => t.Id == tenant.Id).Select(t => t.VerificationAttempts).SingleAsync(cancellationToken);
            return TenantPayload.Fail(attempts >= maxAttempts
                ? new UserError(TenantErrors.TooManyAttempts, "Too many wrong codes: sign up again to get a new one.", "input.code")
                : new UserError(TenantErrors.CodeExpired, "The code has expired: sign up again to get a new one.", "input.code"));
        }

        if (Passwords.Verify(tenant.VerificationCodeHash, input.Code.Trim()) == PasswordVerificationResult.Failed)
        {
            var used = await db.Tenants.Where(t => t.Id == tenant.Id).Select(t => t.VerificationAttempts).SingleAsync(cancellationToken);
            return TenantPayload.Fail(used >= maxAttempts
                ? new UserError(TenantErrors.TooManyAttempts, "Too many wrong codes: sign up again to get a new one.", "input.code")
                : new UserError(TenantErrors.InvalidCode, $"The code is not right; {maxAttempts - used} tries left.", "input.code"));
        }

        var confirmed = await db.Tenants
            .Where(t => t.Id == tenant.Id && t.Status == TenantStatus.PendingVerification)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, TenantStatus.Provisioning)
                .SetProperty(t => t.VerificationCodeHash, (string?)null)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (confirmed == 1)
        {
            cache.Invalidate(tenant.Slug);
            queue.Enqueue(tenant.Id);
            notifier.Changed(tenant.Slug);
        }
        return TenantPayload.Ok(await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id, cancellationToken));
    }
}

internal sealed class ConfirmTenantSignupPayloadType() : TenantPayloadType("ConfirmTenantSignupPayload");

internal static class ConfirmTenantSignupMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConfirmTenantSignupPayloadType>>("confirmTenantSignup")
            .Description("Confirms a PENDING_VERIFICATION signup with the code emailed to its administrator; provisioning starts. " +
                "INVALID_CODE (tries left in the message), TOO_MANY_ATTEMPTS or CODE_EXPIRED (sign up again), NOT_FOUND, INVALID_STATUS. " +
                "At most one per request; rate-limited per client address with onboardTenant.")
            .AllowAnonymous()
            .MaxPerRequest(1)
            .RateLimitPerClient(OnboardTenantMutation.OnboardingRateLimit, permitLimit: 10, window: TimeSpan.FromMinutes(1))
            .Argument<NonNullGraphType<ConfirmTenantSignupInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ConfirmTenantSignupHandler>()
                .HandleAsync(ctx.GetArgument<ConfirmTenantSignupInput>("input"), ctx.CancellationToken));
}
