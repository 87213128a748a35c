using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inventory.BuildingBlocks.GraphQL.Documents;
using Inventory.BuildingBlocks.Persistence;
using Inventory.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>
/// The host with the limits of anonymous fields low enough to reach, and forwarded headers on (as behind a proxy), so
/// every test speaks from an address of its own through <c>X-Forwarded-For</c>.
/// </summary>
public sealed class AnonymousLimitsFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "limits_tests",
    Tenants = ["acme"],
    Settings = new()
    {
        ["FORWARDEDHEADERS_ENABLED"] = "true",
        ["RateLimiting:Policies:sign-in:PermitLimit"] = "3",
        ["RateLimiting:Policies:sign-in:Window"] = "01:00:00",
        ["RateLimiting:Policies:onboarding:PermitLimit"] = "3",
        ["RateLimiting:Policies:onboarding:Window"] = "01:00:00",
        // Signups prove their address here: the code goes to a folder the test reads.
        ["Onboarding:Verification"] = "EmailCode",
        ["Onboarding:Email:Sender"] = "File",
        ["Onboarding:Email:Folder"] = Outbox,
    },
})
{
    public static readonly string Outbox = Directory.CreateTempSubdirectory("limits-mail-").FullName;
}

public sealed class AnonymousLimitsTests(AnonymousLimitsFixture fixture) : IClassFixture<AnonymousLimitsFixture>, IAsyncLifetime
{
    private const string Login = "login(input: $input) { accessToken userErrors { code } }";
    private static readonly object LoginInput = new { tenant = "acme", email = "nobody@acme.test", password = "Wrong-Password-1" };
    private static int _nextAddress;

    private InventoryApp App => fixture.App;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // Addresses never reused across tests: each test starts with a full rate-limit partition.
    private static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref _nextAddress)}";

    private HttpClient From(string address)
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json");
        return http;
    }

    private static async Task<(HttpResponseMessage Response, JsonNode Body)> PostAsync(HttpClient http, string query, object? variables = null)
    {
        var response = await http.PostAsync("/graphql", JsonContent.Create(new { query, variables }));
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string[] ErrorCodes(JsonNode body) =>
        [.. (body["errors"] as JsonArray ?? []).Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "")];

    private async Task<(int Throttles, int Tenants)> SystemRowsAsync()
    {
        var connection = App.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SystemConnection();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        async Task<int> Count(string table)
        {
            await using var command = new NpgsqlCommand($"select count(*) from tenants.{table}", db);
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }
        return (await Count("sign_in_throttles"), await Count("tenants"));
    }

    [Fact]
    public async Task TwoThousandFourHundredAliasedLogins_AreRefusedBeforeAnyResolver_NothingHashed()
    {
        var query = new StringBuilder("mutation($input: LoginInput!) {");
        for (var i = 0; i < 2400; i++)
            query.Append($" l{i}: {Login}");
        query.Append(" }");

        var (response, body) = await PostAsync(From(NewAddress()), query.ToString(), new { input = LoginInput });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(body["data"]);
        Assert.Contains("MAX_PER_REQUEST", ErrorCodes(body));
        // Every sign-in that runs is counted by the backoff before its password is hashed: none ran.
        Assert.Equal((0, 0), await SystemRowsAsync());
    }

    [Fact]
    public async Task TwoLogins_ThroughFragmentsAndInlineFragments_AreRefused_OneIsServed()
    {
        var http = From(NewAddress());
        var (_, viaFragments) = await PostAsync(http, $$"""
            mutation($input: LoginInput!) { ...First ... on Mutation { second: {{Login}} } }
            fragment First on Mutation { {{Login}} }
            """, new { input = LoginInput });
        Assert.Equal(["MAX_PER_REQUEST"], ErrorCodes(viaFragments));
        Assert.Null(viaFragments["data"]);

        var (ok, one) = await PostAsync(http, $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("INVALID_CREDENTIALS", one["data"]!["login"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenAliasedOnboardings_AreRefused_NoTenantIsRegistered()
    {
        var query = new StringBuilder("mutation {");
        for (var i = 0; i < 10; i++)
            query.Append($$""" o{{i}}: onboardTenant(input: { slug: "alias-{{i}}", name: "Alias {{i}}", adminEmail: "a@alias{{i}}.test", adminPassword: "Str0ng-enough!" }) { tenant { status } } """);
        query.Append('}');

        var (response, body) = await PostAsync(From(NewAddress()), query.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["MAX_PER_REQUEST"], ErrorCodes(body));
        Assert.Equal((0, 0), await SystemRowsAsync());
    }

    [Fact]
    public async Task AliasedLogins_OverWebSocket_AreRefusedToo()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App, configureRequest: r => r.Headers["X-Forwarded-For"] = NewAddress());
        await socket.InitAsync();

        await socket.SubscribeAsync("1", $"mutation($input: LoginInput!) {{ a: {Login} b: {Login} }}", new { input = LoginInput });

        var answer = await socket.ReceiveForAsync("1");
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Contains("MAX_PER_REQUEST", answer["payload"]!.ToJsonString());
        Assert.Equal((0, 0), await SystemRowsAsync());
    }

    [Fact]
    public async Task LoginsPastTheAddressesLimit_Get429WithRetryAfter_BeforeAnyWork_OtherAddressesAndPoliciesDoNot()
    {
        var address = NewAddress();
        var http = From(address);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput })).Response.StatusCode);
        var (throttlesBefore, _) = await SystemRowsAsync();
        // The text is in the parsed-document cache by now (ADR 20): the permits are taken on the cached path too.
        Assert.NotNull(App.Services.GetRequiredService<ParsedDocumentCache>().Get($"mutation($input: LoginInput!) {{ {Login} }}", null));

        var (limited, body) = await PostAsync(http, $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(["RATE_LIMITED"], ErrorCodes(body));
        Assert.Contains($"try again in {retryAfter} s", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
        Assert.Equal(throttlesBefore, (await SystemRowsAsync()).Throttles); // refused before the backoff, the hash, the database

        // Onboarding has its own permits; another address has all of its sign-in permits.
        var (onboard, onboardBody) = await PostAsync(http, """mutation { onboardTenant(input: { slug: "X", name: "", adminEmail: "", adminPassword: "" }) { userErrors { code } } }""");
        Assert.Equal(HttpStatusCode.OK, onboard.StatusCode);
        Assert.NotNull(onboardBody["data"]!["onboardTenant"]);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(From(NewAddress()), $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput })).Response.StatusCode);
    }

    [Fact]
    public async Task ALoginRefusedRateLimited_TakesNothingFromTheCallersCostBudget()
    {
        var address = NewAddress();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(From(address), $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput })).Response.StatusCode);
        // A caller whose budget nothing has touched (a fresh user's token) from the address that spent its sign-in
        // permits: its bucket is full, so any charge would show.
        var http = From(address);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For("acme", "Viewer"));

        var (limited, body) = await PostAsync(http, $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(["RATE_LIMITED"], ErrorCodes(body));
        // Before, the cost rule ran first and charged the login's cost, and extensions.cost showed the charge.
        var status = body["extensions"]!["cost"]!["throttleStatus"]!;
        Assert.Equal(status["maximumAvailable"]!.GetValue<int>(), status["currentlyAvailable"]!.GetValue<int>());
    }

    [Fact]
    public async Task LoginsPastTheAddressesLimit_OverWebSocket_GetARateLimitedError()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App, configureRequest: r => r.Headers["X-Forwarded-For"] = NewAddress());
        await socket.InitAsync();

        for (var i = 1; i <= 3; i++)
        {
            await socket.SubscribeAsync($"{i}", $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput });
            Assert.Equal("next", (await socket.ReceiveForAsync($"{i}"))["type"]!.GetValue<string>());
        }
        await socket.SubscribeAsync("4", $"mutation($input: LoginInput!) {{ {Login} }}", new { input = LoginInput });

        var answer = await socket.ReceiveForAsync("4");
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Contains("RATE_LIMITED", answer["payload"]!.ToJsonString());
    }

    [Fact]
    public async Task EmailCodeSignup_OverTheApi_NoDatabaseUntilTheMailedCodeIsSent_ThenProvisionedAndSignedIn()
    {
        var slug = $"mail-{Guid.NewGuid():N}"[..16];
        var http = From(NewAddress());
        var (_, onboarded) = await PostAsync(http, """
            mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { tenant { status } userErrors { code } } }
            """, new { input = new { slug, name = "Mail Co", adminEmail = $"owner@{slug}.test", adminPassword = "Str0ng-enough!" } });
        Assert.Equal("PENDING_VERIFICATION", onboarded["data"]!["onboardTenant"]!["tenant"]!["status"]!.GetValue<string>());

        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync();
        await socket.SubscribeAsync("p", "subscription($slug: String!) { tenantProvisioning(slug: $slug) { step state tenantStatus } }", new { slug });
        Assert.Equal("PENDING_VERIFICATION", (await socket.ReceiveForAsync("p"))["payload"]!["data"]!["tenantProvisioning"]!["tenantStatus"]!.GetValue<string>());

        var login = $$"""mutation { login(input: { tenant: "{{slug}}", email: "owner@{{slug}}.test", password: "Str0ng-enough!" }) { accessToken userErrors { code } } }""";
        Assert.Equal("TENANT_NOT_READY", (await PostAsync(From(NewAddress()), login)).Body["data"]!["login"]!["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.DoesNotContain($"limits_tests_{slug.Replace('-', '_')}", await DatabasesAsync());

        var mail = Directory.GetFiles(AnonymousLimitsFixture.Outbox, "*.eml").Select(File.ReadAllText).Single(m => m.Contains($"To: owner@{slug}.test"));
        var code = Regex.Match(mail, @"code is (\d{8})").Groups[1].Value;
        var (_, confirmed) = await PostAsync(http, "mutation($input: ConfirmTenantSignupInput!) { confirmTenantSignup(input: $input) { tenant { status } userErrors { code } } }",
            new { input = new { slug, code } });
        Assert.Equal("PROVISIONING", confirmed["data"]!["confirmTenantSignup"]!["tenant"]!["status"]!.GetValue<string>());

        // The portal's subscription follows it to ACTIVE, and the administrator signs in.
        var statuses = new List<string>();
        for (var message = await socket.ReceiveForAsync("p", TimeSpan.FromSeconds(60)); message["type"]!.GetValue<string>() == "next";
             message = await socket.ReceiveForAsync("p", TimeSpan.FromSeconds(60)))
            statuses.Add(message["payload"]!["data"]!["tenantProvisioning"]!["tenantStatus"]!.GetValue<string>());
        Assert.Equal("ACTIVE", statuses[^1]);
        Assert.NotNull((await PostAsync(From(NewAddress()), login)).Body["data"]!["login"]!["accessToken"]!.GetValue<string>());
    }

    private async Task<List<string>> DatabasesAsync()
    {
        var connection = App.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SystemConnection();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("select datname from pg_database", db);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }
}
