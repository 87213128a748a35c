using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Identity.Features.Login;
using Inventory.Tenants.Registry;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class LoginTests(TenantsFixture fixture) : TenantsTest(fixture)
{
    [Fact]
    public async Task Login_WithTheRightPassword_ReturnsATokenCarryingUserTenantEmailAndRole()
    {
        await EnsureAdminAsync();
        var user = Assert.Single(await UsersAsync());

        var payload = await LoginAsync();

        Assert.Empty(payload.UserErrors);
        var token = new JsonWebTokenHandler().ReadJsonWebToken(payload.AccessToken);
        Assert.Equal(user.Id.ToString(), token.Subject);
        Assert.Equal(Acme, token.GetClaim("tenant").Value);
        Assert.Equal(AdminEmail, token.GetClaim("email").Value);
        Assert.Equal(["Admin"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TenantsFixture.Issuer, token.Issuer);
        Assert.Equal([TenantsFixture.Audience], token.Audiences);
        Assert.Equal(TenantsFixture.TokenLifetime, token.ValidTo - token.IssuedAt);
        Assert.Equal(token.ValidTo, payload.ExpiresAt);
        Assert.Equal(DateTimeKind.Utc, payload.ExpiresAt!.Value.Kind);
    }

    [Fact]
    public async Task Login_Token_ValidatesWithTheConfiguredParameters_AndWithTheJwtBearerOptions()
    {
        await EnsureAdminAsync();
        var token = (await LoginAsync()).AccessToken!;

        var parameters = Service<AccessTokens>().ValidationParameters();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(Acme, result.ClaimsIdentity.FindFirst("tenant")?.Value);
        Assert.True(result.ClaimsIdentity.HasClaim("role", "Admin"));

        var bearer = Service<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.False(bearer.MapInboundClaims);
        var viaBearer = await new JsonWebTokenHandler().ValidateTokenAsync(token, bearer.TokenValidationParameters);
        Assert.True(viaBearer.IsValid, viaBearer.Exception?.ToString());
        Assert.Equal(AdminEmail, viaBearer.ClaimsIdentity.FindFirst("email")?.Value);
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_OrForAnotherAudience_IsRefused()
    {
        await EnsureAdminAsync();
        var parameters = Service<AccessTokens>().ValidationParameters();
        var user = Assert.Single(await UsersAsync());

        var otherKey = new SymmetricSecurityKey(new byte[64]);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TenantsFixture.Issuer,
            Audience = TenantsFixture.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = user.Id.ToString(), ["tenant"] = Acme, ["role"] = "Admin" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256),
        });
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(forged, parameters)).IsValid);

        var token = (await LoginAsync()).AccessToken!;
        var otherAudience = parameters.Clone();
        otherAudience.ValidAudience = "someone-else";
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(token, otherAudience)).IsValid);
    }

    [Fact]
    public async Task Login_IgnoresCaseAndSurroundingSpacesOfTenantAndEmail()
    {
        await EnsureAdminAsync();

        var payload = await LoginAsync(" ADMIN@Acme.TEST ", AdminPassword, " ACME ");

        Assert.Empty(payload.UserErrors);
        Assert.Equal(Acme, new JsonWebTokenHandler().ReadJsonWebToken(payload.AccessToken).GetClaim("tenant").Value);
    }

    [Fact]
    public async Task Login_RecordsTheTimeOfTheLastSignIn()
    {
        await EnsureAdminAsync();
        Clock.Advance(TimeSpan.FromDays(2));
        var before = Clock.GetUtcNow().UtcDateTime;

        await LoginAsync();

        var lastLogin = Assert.Single(await UsersAsync()).LastLoginAt;
        Assert.NotNull(lastLogin);
        Assert.InRange(lastLogin.Value, before.AddMilliseconds(-1), Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_AndWithAnUnknownEmail_GetTheSameAnswer()
    {
        await EnsureAdminAsync();

        var wrongPassword = await LoginAsync(AdminEmail, "Wrong-Password-1");
        var unknownEmail = await LoginAsync("nobody@acme.test", AdminPassword);

        Assert.Null(wrongPassword.AccessToken);
        Assert.Null(unknownEmail.AccessToken);
        var error = Assert.Single(wrongPassword.UserErrors);
        Assert.Equal(IdentityErrors.InvalidCredentialsCode, error.Code);
        Assert.Equal(error, Assert.Single(unknownEmail.UserErrors));
    }

    [Fact]
    public async Task Login_ToADeactivatedAccount_IsInvalidCredentialsEvenWithTheRightPassword()
    {
        await EnsureAdminAsync();
        await WithIdentityAsync(async db =>
        {
            var user = await db.Users.SingleAsync();
            user.Deactivate(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        var payload = await LoginAsync();

        Assert.Null(payload.AccessToken);
        Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(payload));
    }

    [Fact]
    public async Task Login_ToAnotherTenantThanTheUsers_IsInvalidCredentials()
    {
        await EnsureAdminAsync(tenant: Globex);

        Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(tenant: Acme)));
        Assert.Empty((await LoginAsync(tenant: Globex)).UserErrors);
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_TheOnlyAdminWaitsASecond_NotAQuarterOfAnHour_AndThenSignsIn()
    {
        await EnsureAdminAsync();
        Clock.Freeze();

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, $"Wrong-Password-{attempt}")));

        // The backoff answers without checking the password: even the right one waits.
        var waiting = await LoginAsync();
        Assert.Null(waiting.AccessToken);
        var error = Assert.Single(waiting.UserErrors);
        Assert.Equal(IdentityErrors.LockedOutCode, error.Code);
        Assert.Contains("wait 1 second", error.Message);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await LoginAsync();
        Assert.Empty(after.UserErrors);
        Assert.NotNull(after.AccessToken);

        // The success cleared the account's count: five more tries before any wait.
        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, "Wrong-Password-1")));
    }

    [Fact]
    public async Task Login_Backoff_DoublesWithEachFurtherFailure_UpToThirtySeconds_AndCanAlwaysBeWaitedOut()
    {
        await EnsureAdminAsync();
        Clock.Freeze();
        for (var attempt = 1; attempt <= 5; attempt++)
            await LoginAsync(AdminEmail, "Wrong-Password-1");

        var waits = new List<int>();
        for (var round = 0; round < 7; round++)
        {
            var refused = Assert.Single((await LoginAsync(AdminEmail, "Wrong-Password-1")).UserErrors);
            Assert.Equal(IdentityErrors.LockedOutCode, refused.Code);
            var seconds = int.Parse(System.Text.RegularExpressions.Regex.Match(refused.Message, @"wait (\d+) second").Groups[1].Value);
            waits.Add(seconds);
            Clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, "Wrong-Password-1")));
        }
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits);

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty((await LoginAsync()).UserErrors);
    }

    [Fact]
    public async Task Login_UnknownAndKnownEmails_AreAnsweredIdentically_UnderTheBackoff()
    {
        await EnsureAdminAsync();
        Clock.Freeze();

        async Task<List<string>> Answers(string email)
        {
            var answers = new List<string>();
            for (var attempt = 1; attempt <= 7; attempt++)
                answers.AddRange((await LoginAsync(email, "Wrong-Password-1")).UserErrors.Select(e => $"{e.Code}|{e.Field}|{e.Message}"));
            return answers;
        }

        var known = await Answers(AdminEmail);
        var unknown = await Answers("nobody@acme.test");

        Assert.Equal(known, unknown);
        Assert.Equal(5, known.Count(a => a.StartsWith(IdentityErrors.InvalidCredentialsCode + "|")));
        Assert.Equal(2, known.Count(a => a.StartsWith(IdentityErrors.LockedOutCode + "|")));
    }

    [Fact]
    public async Task Login_Success_ResetsTheFailedAttemptCount()
    {
        await EnsureAdminAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, "Wrong-Password-1")));
        Assert.Empty((await LoginAsync()).UserErrors);

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, "Wrong-Password-1")));
        Assert.Empty((await LoginAsync()).UserErrors);
    }

    [Fact]
    public async Task Login_ConcurrentWrongPasswords_GetNoMoreTriesThanTheBackoffAllows()
    {
        await EnsureAdminAsync();

        var payloads = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => LoginAsync(AdminEmail, $"Wrong-Password-{i}"))));

        // Every try is counted before its password is checked: at most the five free ones were checked at all.
        var checkedPasswords = payloads.Count(p => Codes(p).SequenceEqual([IdentityErrors.InvalidCredentialsCode]));
        Assert.InRange(checkedPasswords, 1, 5);
        Assert.All(payloads.Where(p => !Codes(p).SequenceEqual([IdentityErrors.InvalidCredentialsCode])),
            p => Assert.Equal([IdentityErrors.LockedOutCode], Codes(p)));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty((await LoginAsync()).UserErrors);
    }

    [Fact]
    public async Task Login_AnAddressFailingAcrossManyAccounts_IsThrottledMuchHarderThanOneAccount()
    {
        await EnsureAdminAsync();
        var backoff = new SignInBackoff(Service<SystemDbContextFactory<RegistryDbContext>>(), Options.Create(new SignInBackoffOptions
        {
            Address = new BackoffPolicy { FreeAttempts = 10, BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(10), ResetAfter = TimeSpan.FromHours(1) },
        }), Clock);

        // Ten accounts tried once each from one address: each account is far from its own limit...
        for (var account = 0; account < 10; account++)
            Assert.NotNull((await backoff.BeginAsync(Acme, $"USER{account}@ACME.TEST", "203.0.113.7", CancellationToken.None)).Ticket);
        // ...but the address has used its free tries, on any account, for a minute; another address has not.
        var (ticket, wait) = await backoff.BeginAsync(Acme, "USER99@ACME.TEST", "203.0.113.7", CancellationToken.None);
        Assert.Null(ticket);
        Assert.InRange(wait, TimeSpan.FromSeconds(55), TimeSpan.FromMinutes(1));
        Assert.NotNull((await backoff.BeginAsync(Acme, "USER99@ACME.TEST", "198.51.100.1", CancellationToken.None)).Ticket);
    }

    [Fact]
    public async Task Login_WrongPasswordsFromAnotherAddress_DoNotMakeTheRealUserWait()
    {
        await EnsureAdminAsync();
        var backoff = Service<SignInBackoff>();
        var email = AdminEmail.ToUpperInvariant();

        // Someone keeps failing on the only admin's account from one address, well past its free tries...
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (attempt > 0)
                Clock.Advance(TimeSpan.FromSeconds(31)); // every wait waited out: as many counted tries as the policy gives
            Assert.NotNull((await backoff.BeginAsync(Acme, email, "203.0.113.7", CancellationToken.None)).Ticket);
        }
        Assert.Null((await backoff.BeginAsync(Acme, email, "203.0.113.7", CancellationToken.None)).Ticket);

        // ...while the admin, from their own address, is not held up at all.
        var (ticket, wait) = await backoff.BeginAsync(Acme, email, "198.51.100.1", CancellationToken.None);
        Assert.NotNull(ticket);
        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public async Task Login_OneAccountGuessedFromManyAddresses_WaitsOnceTheAccountsOwnCeilingIsReached()
    {
        await EnsureAdminAsync();
        var backoff = new SignInBackoff(Service<SystemDbContextFactory<RegistryDbContext>>(), Options.Create(new SignInBackoffOptions
        {
            AccountAllAddresses = new BackoffPolicy { FreeAttempts = 10, BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), ResetAfter = TimeSpan.FromHours(1) },
        }), Clock);

        // One try from each of ten addresses: no address and no (account, address) pair is near its own limit...
        for (var address = 1; address <= 10; address++)
            Assert.NotNull((await backoff.BeginAsync(Acme, "ADMIN@ACME.TEST", $"203.0.113.{address}", CancellationToken.None)).Ticket);
        // ...but the account has used the tries it allows from everywhere together; another account has not.
        var (ticket, wait) = await backoff.BeginAsync(Acme, "ADMIN@ACME.TEST", "203.0.113.11", CancellationToken.None);
        Assert.Null(ticket);
        Assert.InRange(wait, TimeSpan.FromSeconds(55), TimeSpan.FromMinutes(1));
        Assert.NotNull((await backoff.BeginAsync(Acme, "OTHER@ACME.TEST", "203.0.113.11", CancellationToken.None)).Ticket);
    }

    [Fact]
    public async Task Login_ATryRefusedForItsAccount_GivesBackTheAddressesCount_AndTheWaitThatCountStarted()
    {
        await EnsureAdminAsync();
        var backoff = new SignInBackoff(Service<SystemDbContextFactory<RegistryDbContext>>(), Options.Create(new SignInBackoffOptions
        {
            Address = new BackoffPolicy { FreeAttempts = 2, BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), ResetAfter = TimeSpan.FromHours(1) },
            Account = new BackoffPolicy { FreeAttempts = 1, BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), ResetAfter = TimeSpan.FromHours(1) },
        }), Clock);
        const string address = "203.0.113.9";

        Assert.NotNull((await backoff.BeginAsync(Acme, "X@ACME.TEST", address, CancellationToken.None)).Ticket);
        // X now waits. This try took the address's second count, which would start the address's wait, then was
        // refused for X: it was never made, so neither its count nor that wait may stay.
        Assert.Null((await backoff.BeginAsync(Acme, "X@ACME.TEST", address, CancellationToken.None)).Ticket);

        Assert.NotNull((await backoff.BeginAsync(Acme, "Y@ACME.TEST", address, CancellationToken.None)).Ticket);
    }

    [Fact]
    public async Task Login_ToAnUnknownTenant_IsTenantNotFound()
    {
        var payload = await LoginAsync(tenant: "nope");

        var error = Assert.Single(payload.UserErrors);
        Assert.Equal((IdentityErrors.TenantNotFoundCode, "input.tenant"), (error.Code, error.Field));
        Assert.Null(payload.AccessToken);
    }

    [Theory]
    [InlineData(InactiveTenants.Suspended, IdentityErrors.TenantSuspendedCode)]
    [InlineData(InactiveTenants.Provisioning, IdentityErrors.TenantNotReadyCode)]
    [InlineData(InactiveTenants.Failed, IdentityErrors.TenantNotReadyCode)]
    public async Task Login_ToATenantThatIsNotActive_SaysWhy(string tenant, string code)
    {
        var payload = await LoginAsync(tenant: tenant);

        var error = Assert.Single(payload.UserErrors);
        Assert.Equal((code, "input.tenant"), (error.Code, error.Field));
        Assert.Null(payload.AccessToken);
    }

    [Fact]
    public async Task Login_WithInvalidInput_AnswersValidationErrorsPerField()
    {
        var payload = await LoginAsync(email: "not-an-email", password: "", tenant: " ");

        Assert.Null(payload.AccessToken);
        Assert.Equal(
            [(ErrorCodes.Validation, "input.email"), (ErrorCodes.Validation, "input.password"), (ErrorCodes.Validation, "input.tenant")],
            payload.UserErrors.Select(e => (e.Code, e.Field!)).Order());
    }
}
