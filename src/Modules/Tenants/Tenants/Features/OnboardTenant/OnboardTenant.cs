using Inventory.BuildingBlocks.Security;
using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Provisioning;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Features.OnboardTenant;

internal sealed record OnboardTenantInput
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string AdminEmail { get; init; } = "";
    public string AdminPassword { get; init; } = "";
}

internal sealed class OnboardTenantInputType : InputObjectGraphType<OnboardTenantInput>
{
    public OnboardTenantInputType()
    {
        Name = "OnboardTenantInput";
        Field(i => i.Slug).Description("3-40 of lower-case letters, digits and '-', starting with a letter; names the tenant in URLs and tokens.");
        Field(i => i.Name);
        Field(i => i.AdminEmail);
        Field(i => i.AdminPassword).Description("At least 10 characters with three of: lower case, upper case, digit, symbol.");
    }
}

internal sealed class OnboardTenantValidator : AbstractValidator<OnboardTenantInput>
{
    public OnboardTenantValidator()
    {
        RuleFor(i => i.Slug).Must(TenantSlugs.IsWellFormed).WithErrorCode(TenantErrors.InvalidSlug)
            .WithMessage("Slug must be 3-40 characters: a lower-case letter, then lower-case letters, digits or '-'.");
        RuleFor(i => i.Slug).Must(s => !TenantSlugs.IsReserved(s)).WithErrorCode(TenantErrors.SlugReserved)
            .WithMessage("This slug is reserved; choose another.");
        RuleFor(i => i.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 200).WithMessage("Name is required (at most 200 characters).");
        RuleFor(i => i.AdminEmail).Must(e => !string.IsNullOrWhiteSpace(e) && e.Trim().Length <= 254).WithMessage("Email is required.")
            .EmailAddress().WithMessage("Email is not a valid address.");
        RuleFor(i => i.AdminPassword).Custom((password, context) =>
        {
            if (PasswordRules.Problem(password, context.InstanceToValidate.AdminEmail) is { } problem)
                context.AddFailure(new FluentValidation.Results.ValidationFailure("AdminPassword", problem) { ErrorCode = TenantErrors.WeakPassword });
        });
    }
}

/// <summary>
/// Registers the tenant as PROVISIONING and answers at once; the provisioning pipeline does the slow work in
/// the background. The unique slug index makes a second onboarding of one slug SLUG_TAKEN, never a second database.
/// </summary>
internal sealed class OnboardTenantHandler(
    SystemDbContextFactory<RegistryDbContext> registry,
    ITenantStore tenants,
    IValidator<OnboardTenantInput> validator,
    ProvisioningQueue queue,
    TimeProvider time)
{
    public async Task<TenantPayload> HandleAsync(OnboardTenantInput input, CancellationToken cancellationToken)
    {
        var slug = input.Slug.Trim();
        var errors = await validator.ValidateToUserErrorsAsync(input with { Slug = slug }, cancellationToken);
        if (errors.Count > 0)
            return TenantPayload.Fail(errors);
        if (await tenants.FindAsync(slug, cancellationToken) is not null)
            return TenantPayload.Fail(TenantErrors.SlugTaken(slug));

        var tenant = TenantRecord.Onboard(slug, input.Name.Trim(), input.AdminEmail.Trim(), Passwords.HashPassword(input.AdminPassword), time.GetUtcNow().UtcDateTime);
        await using var db = registry.Create();
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return TenantPayload.Fail(TenantErrors.SlugTaken(slug));
        }
        queue.Enqueue(tenant.Id);
        return TenantPayload.Ok(tenant);
    }
}

internal static class OnboardTenantMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<OnboardTenantPayloadType>>("onboardTenant")
            .Description("Creates a tenant: answers at once with status PROVISIONING; follow `tenant(slug) { status provisioning { step state message } }`.")
            .AllowAnonymous()
            .Argument<NonNullGraphType<OnboardTenantInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OnboardTenantHandler>()
                .HandleAsync(ctx.GetArgument<OnboardTenantInput>("input"), ctx.CancellationToken));
}
