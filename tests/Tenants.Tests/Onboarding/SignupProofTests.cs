using System.Net;
using System.Text.RegularExpressions;
using FluentValidation;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Features.ApproveSignup;
using Inventory.Tenants.Features.ConfirmSignup;
using Inventory.Tenants.Features.OnboardTenant;
using Inventory.Tenants.Features.Operators;
using Inventory.Tenants.Features.ProvisioningProgress;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Provisioning;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.Tenants.Tests.Onboarding;

/// <summary>
/// Signup quotas and the optional proof before a database exists, on the shared PostgreSQL system database. Handlers
/// are built here with the options under test and a queue of their own, so nothing is provisioned: the test sees what
/// would have been queued.
/// </summary>
public sealed class SignupProofTests(TenantsFixture fixture) : TenantsTest(fixture), IDisposable
{
    private const string Password = "Str0ng-enough!";
    private readonly string _outbox = Directory.CreateTempSubdirectory("signup-mail-").FullName;
    private readonly ProvisioningQueue _queue = new();

    public void Dispose() => Directory.Delete(_outbox, recursive: true);

    private OnboardingOptions Options_(VerificationMode mode = VerificationMode.None, int perAddress = 50, int perHour = 1000) => new()
    {
        Verification = mode,
        MaxSignupsPerAddressPerHour = perAddress,
        MaxSignupsPerHour = perHour,
        Email = new EmailOptions { Sender = EmailSenderKind.File, Folder = _outbox },
    };

    // One handler per "host": nothing is shared between them but the system database.
    private OnboardTenantHandler Onboarding(OnboardingOptions options, string address)
    {
        var client = new ClientAddress();
        client.Set(IPAddress.Parse(address));
        return new OnboardTenantHandler(Service<SystemDbContextFactory<RegistryDbContext>>(), Service<RegistryTenantSource>(), Service<ITenantStore>(),
            Service<IValidator<OnboardTenantInput>>(), _queue, client, new FileSignupEmailSender(options.Email), Options.Create(options), Clock,
            NullLogger<OnboardTenantHandler>.Instance);
    }

    private ConfirmTenantSignupHandler Confirmation(OnboardingOptions options) =>
        new(Service<SystemDbContextFactory<RegistryDbContext>>(), Service<RegistryTenantSource>(), Service<IValidator<ConfirmTenantSignupInput>>(),
            _queue, Service<ProvisioningNotifier>(), Options.Create(options), Clock);

    private static Task<TenantPayload> Onboard(OnboardTenantHandler handler, string slug) =>
        handler.HandleAsync(new OnboardTenantInput { Slug = slug, Name = slug, AdminEmail = $"admin@{slug}.test", AdminPassword = Password }, CancellationToken.None);

    private async Task<List<TenantRecord>> RegistryAsync()
    {
        await using var db = Service<SystemDbContextFactory<RegistryDbContext>>().Create();
        return await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync();
    }

    private List<Guid> Queued()
    {
        var queued = new List<Guid>();
        while (_queue.Reader.TryRead(out var id))
            queued.Add(id);
        return queued;
    }

    private string CodeSentTo(string email)
    {
        var message = Directory.GetFiles(_outbox, "*.eml").Select(File.ReadAllText).Last(m => m.Contains($"To: {email}"));
        return Regex.Match(message, @"code is (\d{8})").Groups[1].Value;
    }

    private static string[] Codes(TenantPayload payload) => [.. payload.UserErrors.Select(e => e.Code)];

    [Fact]
    public async Task Quota_PerAddressAndPerDeployment_HoldsAcrossHosts_CountedInTheSystemDatabase()
    {
        var options = Options_(perAddress: 2, perHour: 3);
        var hostA = Onboarding(options, "203.0.113.10");
        var hostB = Onboarding(options, "203.0.113.10");

        Assert.Empty((await Onboard(hostA, "quota-one")).UserErrors);
        Assert.Empty((await Onboard(hostB, "quota-two")).UserErrors);
        var refused = await Onboard(hostB, "quota-three");
        Assert.Equal([TenantErrors.SignupQuotaExceeded], Codes(refused));
        Assert.Contains("Try again after", refused.UserErrors[0].Message);
        Assert.Null(refused.Tenant);

        // Another address has its own quota, until the whole deployment's is used up.
        Assert.Empty((await Onboard(Onboarding(options, "198.51.100.20"), "quota-four")).UserErrors);
        Assert.Equal([TenantErrors.SignupQuotaExceeded], Codes(await Onboard(Onboarding(options, "192.0.2.30"), "quota-five")));

        Assert.Equal(["quota-four", "quota-one", "quota-two"], (await RegistryAsync()).Select(t => t.Slug));
        Assert.Equal(3, Queued().Count);

        // An hour later the places are free again.
        Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Empty((await Onboard(hostA, "quota-three")).UserErrors);
    }

    [Fact]
    public async Task Quota_UnderConcurrentSignupsFromOneAddress_IsNeverExceeded()
    {
        var options = Options_(perAddress: 3);
        var payloads = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Onboard(Onboarding(options, "203.0.113.44"), $"race-{i:00}"))));

        Assert.InRange(payloads.Count(p => p.UserErrors.Count == 0), 1, 3);
        Assert.All(payloads.Where(p => p.UserErrors.Count > 0), p => Assert.Equal([TenantErrors.SignupQuotaExceeded], Codes(p)));
        Assert.InRange((await RegistryAsync()).Count, 1, 3);
    }

    [Fact]
    public async Task EmailCode_TheRightCodeFromTheMail_StartsProvisioning_AndNothingIsQueuedBefore()
    {
        var options = Options_(VerificationMode.EmailCode);
        var payload = await Onboard(Onboarding(options, "203.0.113.1"), "mailed");
        Assert.Empty(payload.UserErrors);
        Assert.Equal(TenantStatus.PendingVerification, payload.Tenant!.Status);
        Assert.Empty(Queued());

        // Hashed at rest: the registry never holds the code itself.
        var code = CodeSentTo("admin@mailed.test");
        var stored = Assert.Single(await RegistryAsync());
        Assert.NotNull(stored.VerificationCodeHash);
        Assert.DoesNotContain(code, stored.VerificationCodeHash);
        // Not served, and no sign-in, while it waits.
        Assert.Equal(TenantStatus.PendingVerification, (await Service<ITenantStore>().FindAsync("mailed"))!.Status);

        var wrong = await Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "mailed", Code = code == "00000000" ? "11111111" : "00000000" }, CancellationToken.None);
        Assert.Equal([TenantErrors.InvalidCode], Codes(wrong));
        Assert.Contains("4 tries left", wrong.UserErrors[0].Message);
        Assert.Empty(Queued());

        var confirmed = await Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "mailed", Code = code }, CancellationToken.None);
        Assert.Empty(confirmed.UserErrors);
        Assert.Equal(TenantStatus.Provisioning, confirmed.Tenant!.Status);
        Assert.Null(confirmed.Tenant.VerificationCodeHash);
        Assert.Equal([stored.Id], Queued());

        // Confirming again is harmless and queues nothing more.
        Assert.Empty((await Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "mailed", Code = code }, CancellationToken.None)).UserErrors);
        Assert.Empty(Queued());
    }

    [Fact]
    public async Task EmailCode_Expires_AndTheSlugCanThenBeSignedUpForAgain()
    {
        var options = Options_(VerificationMode.EmailCode);
        await Onboard(Onboarding(options, "203.0.113.1"), "late");
        var code = CodeSentTo("admin@late.test");

        Clock.Advance(options.CodeLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal([TenantErrors.CodeExpired], Codes(await Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "late", Code = code }, CancellationToken.None)));
        Assert.Empty(Queued());

        var again = await Onboard(Onboarding(options, "203.0.113.1"), "late");
        Assert.Empty(again.UserErrors);
        Assert.Equal(TenantStatus.PendingVerification, again.Tenant!.Status);
    }

    [Fact]
    public async Task EmailCode_AfterFiveWrongTries_EvenTheRightCodeIsRefused_ConcurrentGuessesIncluded()
    {
        var options = Options_(VerificationMode.EmailCode);
        await Onboard(Onboarding(options, "203.0.113.1"), "guessed");
        var code = CodeSentTo("admin@guessed.test");
        var wrongCodes = Enumerable.Range(0, 20).Select(i => (12345670 + i).ToString()).Where(c => c != code).ToList();

        var guesses = await Task.WhenAll(wrongCodes.Select(c => Task.Run(() =>
            Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "guessed", Code = c }, CancellationToken.None))));
        // Each try is counted before the code is compared: twenty parallel guesses got five tries, no more.
        Assert.Equal(options.MaxCodeAttempts, (await RegistryAsync()).Single().VerificationAttempts);
        Assert.InRange(guesses.Count(g => Codes(g).SequenceEqual([TenantErrors.InvalidCode])), 0, options.MaxCodeAttempts - 1);
        Assert.All(guesses.Where(g => !Codes(g).SequenceEqual([TenantErrors.InvalidCode])), g => Assert.Equal([TenantErrors.TooManyAttempts], Codes(g)));

        Assert.Equal([TenantErrors.TooManyAttempts], Codes(await Confirmation(options).HandleAsync(new ConfirmTenantSignupInput { Slug = "guessed", Code = code }, CancellationToken.None)));
        Assert.Empty(Queued());
    }

    [Fact]
    public async Task OperatorApproval_WaitsForAnOperator_ApprovalQueuesProvisioning_RejectionNever()
    {
        var options = Options_(VerificationMode.OperatorApproval);
        Assert.Equal(TenantStatus.PendingApproval, (await Onboard(Onboarding(options, "203.0.113.1"), "approved")).Tenant!.Status);
        Assert.Equal(TenantStatus.PendingApproval, (await Onboard(Onboarding(options, "203.0.113.1"), "refused")).Tenant!.Status);
        Assert.Empty(Queued());

        // Anonymous callers and tenant users may not decide.
        var anonymous = await App.Anonymous().SendAsync("mutation { approveTenantSignup(slug: \"approved\") { tenant { status } } }");
        Assert.Equal("UNAUTHENTICATED", anonymous.FirstErrorCode);

        await using var scope = App.Services.CreateAsyncScope();
        var approval = new ApproveTenantSignupHandler(scope.ServiceProvider.GetRequiredService<TenantStatusHandler>(), _queue, Service<ProvisioningNotifier>());
        var approved = await approval.ApproveAsync("approved", CancellationToken.None);
        Assert.Equal(TenantStatus.Provisioning, approved.Tenant!.Status);
        Assert.Equal([approved.Tenant.Id], Queued());

        var rejected = await App.Operator().SendAsync("mutation { rejectTenantSignup(slug: \"refused\") { tenant { status } userErrors { code } } }");
        Assert.Equal("REJECTED", rejected.Ok()["rejectTenantSignup"]!["tenant"]!["status"]!.GetValue<string>());
        Assert.Equal(TenantStatus.Rejected, (await Service<ITenantStore>().FindAsync("refused"))!.Status);
        Assert.Equal([TenantErrors.InvalidStatus], Codes(await approval.ApproveAsync("refused", CancellationToken.None)));
        Assert.Empty(Queued());
    }
}
