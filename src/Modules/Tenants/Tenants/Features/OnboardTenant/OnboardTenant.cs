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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
/// Registers the tenant and answers at once: PROVISIONING (the pipeline does the slow work in the background), or,
/// when verification is on, PENDING_VERIFICATION (a code was emailed) or PENDING_APPROVAL (an operator decides); no
/// database exists before then. The unique slug index makes a second onboarding of one slug SLUG_TAKEN, never a
/// second database. The quotas count the registry's rows of the last hour (ADR 12).
/// </summary>
internal sealed class OnboardTenantHandler(
    SystemDbContextFactory<RegistryDbContext> registry,
    RegistryTenantSource cache,
    ITenantStore tenants,
    IValidator<OnboardTenantInput> validator,
    ProvisioningQueue queue,
    ClientAddress client,
    ISignupEmailSender emails,
    IOptions<OnboardingOptions> options,
    TimeProvider time,
    ILogger<OnboardTenantHandler> logger)
{
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(1);

    public async Task<TenantPayload> HandleAsync(OnboardTenantInput input, CancellationToken cancellationToken)
    {
        var slug = input.Slug.Trim();
        var errors = await validator.ValidateToUserErrorsAsync(input with { Slug = slug }, cancellationToken);
        if (errors.Count > 0)
            return TenantPayload.Fail(errors);

        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = registry.Create();
        await ForgetAbandonedSignupAsync(db, slug, now, cancellationToken);
        if (await tenants.FindAsync(slug, cancellationToken) is not null)
            return TenantPayload.Fail(TenantErrors.SlugTaken(slug));

        var status = settings.Verification switch
        {
            VerificationMode.EmailCode => TenantStatus.PendingVerification,
            VerificationMode.OperatorApproval => TenantStatus.PendingApproval,
            _ => TenantStatus.Provisioning,
        };
        var addressHash = SignupAddressHash(client.PartitionKey);
        var tenant = TenantRecord.Onboard(slug, input.Name.Trim(), input.AdminEmail.Trim(), Passwords.HashPassword(input.AdminPassword), now, addressHash, status);
        string? code = null;
        if (status == TenantStatus.PendingVerification)
        {
            code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            tenant.VerificationCodeHash = Passwords.HashPassword(code);
            tenant.VerificationExpiresAt = now + settings.CodeLifetime;
        }
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return TenantPayload.Fail(TenantErrors.SlugTaken(slug));
        }

        // Counted after the row is written, this one included: of signups racing for the last places, each sees
        // every one committed before it counts, so together they never exceed the quota (at worst both give way).
        if (await OverQuotaAsync(db, tenant, now, settings, cancellationToken) is { } refusal)
        {
            await RemoveAsync(db, tenant, CancellationToken.None);
            return TenantPayload.Fail(refusal);
        }

        if (code is not null)
        {
            try
            {
                await emails.SendAsync(new SignupEmail(tenant.AdminEmail, $"Your confirmation code for {tenant.Slug}",
                    $"Your confirmation code is {code}. Enter it to create the tenant '{tenant.Slug}'; it works for " +
                    $"{(int)settings.CodeLifetime.TotalMinutes} minutes. If you did not sign up, ignore this message."), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The confirmation code of signup {Slug} could not be sent", tenant.Slug);
                await RemoveAsync(db, tenant, CancellationToken.None);
                return TenantPayload.Fail(new UserError(TenantErrors.VerificationNotSent,
                    "The confirmation email could not be sent; nothing was kept. Try again later.", "input.adminEmail"));
            }
        }
        cache.Invalidate(tenant.Slug);
        if (status == TenantStatus.Provisioning)
            queue.Enqueue(tenant.Id);
        return TenantPayload.Ok(tenant);
    }

    internal static string SignupAddressHash(string partitionKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("signup\n" + partitionKey)));

    private static async Task<UserError?> OverQuotaAsync(RegistryDbContext db, TenantRecord tenant, DateTime now, OnboardingOptions settings, CancellationToken cancellationToken)
    {
        var since = now - QuotaWindow;
        var fromAddress = db.Tenants.Where(t => t.CreatedAt > since && t.SignupAddressHash == tenant.SignupAddressHash);
        if (await fromAddress.CountAsync(cancellationToken) > settings.MaxSignupsPerAddressPerHour)
            return QuotaError("from this address", settings.MaxSignupsPerAddressPerHour, await NextPlaceAsync(fromAddress, tenant, now, cancellationToken));
        var all = db.Tenants.Where(t => t.CreatedAt > since);
        if (await all.CountAsync(cancellationToken) > settings.MaxSignupsPerHour)
            return QuotaError("on this platform", settings.MaxSignupsPerHour, await NextPlaceAsync(all, tenant, now, cancellationToken));
        return null;
    }

    // A place frees up when the oldest signup counted leaves the window.
    private static async Task<DateTime> NextPlaceAsync(IQueryable<TenantRecord> counted, TenantRecord tenant, DateTime now, CancellationToken cancellationToken)
    {
        var oldest = await counted.Where(t => t.Id != tenant.Id).OrderBy(t => t.CreatedAt).Select(t => (DateTime?)t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return (oldest ?? now) + QuotaWindow;
    }

    private static UserError QuotaError(string scope, int limit, DateTime retryAt) =>
        new(TenantErrors.SignupQuotaExceeded,
            $"Too many signups {scope}: at most {limit} an hour. Try again after {retryAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");

    /// <summary>A signup whose code expired or was guessed at too often never got a database: its slug is free again.</summary>
    private async Task ForgetAbandonedSignupAsync(RegistryDbContext db, string slug, DateTime now, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxCodeAttempts;
        var abandoned = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug && t.Status == TenantStatus.PendingVerification
            && (t.VerificationExpiresAt <= now || t.VerificationAttempts >= maxAttempts), cancellationToken);
        if (abandoned is null)
            return;
        await RemoveAsync(db, abandoned, cancellationToken);
    }

    private async Task RemoveAsync(RegistryDbContext db, TenantRecord tenant, CancellationToken cancellationToken)
    {
        db.Tenants.Remove(tenant);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        cache.Invalidate(tenant.Slug);
    }
}

internal static class OnboardTenantMutation
{
    public const string OnboardingRateLimit = "onboarding";

    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<OnboardTenantPayloadType>>("onboardTenant")
            .Description("Creates a tenant: answers at once with status PROVISIONING; follow `tenant(slug) { status provisioning { step state message } }`. " +
                "When the deployment verifies signups, the status is PENDING_VERIFICATION (send the emailed code with `confirmTenantSignup`) or " +
                "PENDING_APPROVAL (an operator decides). At most one per request; rate-limited per client address (RATE_LIMITED); " +
                "SIGNUP_QUOTA_EXCEEDED when an address or the platform signed up too many tenants in the last hour.")
            .AllowAnonymous()
            .MaxPerRequest(1)
            // Each signup hashes a password and, soon after, creates a database.
            .RateLimitPerClient(OnboardingRateLimit, permitLimit: 10, window: TimeSpan.FromMinutes(1))
            .Argument<NonNullGraphType<OnboardTenantInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OnboardTenantHandler>()
                .HandleAsync(ctx.GetArgument<OnboardTenantInput>("input"), ctx.CancellationToken));
}
