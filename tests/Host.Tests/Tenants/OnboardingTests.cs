using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Tenants;

/// <summary>Onboarding through the API on PostgreSQL: provisioning in the background, visible and resumable, placed over two servers.</summary>
public sealed class OnboardingTests(OnboardingFixture fixture) : IClassFixture<OnboardingFixture>, IAsyncLifetime
{
    private const string Password = "Str0ng-enough!";
    private InventoryApp App => fixture.App;

    public Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<JsonNode> OnboardAsync(string slug, string? password = null, string email = "owner@example.test") =>
        (await App.Anonymous().QueryAsync("""
            mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) {
              tenant { id slug name status provisioning { step state message } } userErrors { code field message } } }
            """, new { input = new { slug, name = $"Company {slug}", adminEmail = email, adminPassword = password ?? Password } }))["onboardTenant"]!;

    private async Task<JsonNode> TenantAsync(string slug) =>
        (await App.Anonymous().QueryAsync("query($slug: String!) { tenant(slug: $slug) { slug status failureReason provisioning { step state message } } }", new { slug }))["tenant"]!;

    private async Task<JsonNode> WaitForStatusAsync(string slug, string status) =>
        await Eventually.WaitAsync(() => TenantAsync(slug), t => t["status"]!.GetValue<string>() == status, TimeSpan.FromSeconds(60), $"{slug} to be {status}");

    private static string[] Codes(JsonNode payload) =>
        payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Onboard_AnswersProvisioningAtOnce_ThenEveryStepCompletesAndTheTenantIsServed()
    {
        var slug = NewSlug("first");

        var payload = await OnboardAsync(slug);

        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal("PROVISIONING", payload["tenant"]!["status"]!.GetValue<string>());
        Assert.Equal(["PLACE_DATABASE", "CREATE_DATABASE", "APPLY_MIGRATIONS", "SEED_DEFAULTS", "CREATE_ADMIN", "ACTIVATE"],
            payload["tenant"]!["provisioning"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()));

        var active = await WaitForStatusAsync(slug, "ACTIVE");
        Assert.All(active["provisioning"]!.AsArray(), s => Assert.Equal("DONE", s!["state"]!.GetValue<string>()));

        // The new tenant is served: its catalog is empty (no demo data) and takes writes.
        var client = App.GraphQL(slug);
        Assert.Equal(0, (await client.QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>());
        await client.QueryAsync("""mutation { createProduct(input: { sku: "NEW-1", name: "First product" }) { product { id } } }""");
        Assert.Equal(1, (await client.QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>());

        // Defaults were seeded, the administrator exists, and the outbox serves the new database too
        // (the product reached Stock through an integration event).
        var database = await TenantConnectionAsync(slug);
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM stock.warehouses WHERE code = 'MAIN'"));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM identity.users WHERE normalized_email = 'OWNER@EXAMPLE.TEST'"));
        await Eventually.WaitAsync(async () => await ScalarAsync(database, "SELECT count(*) FROM stock.products WHERE sku_key = 'NEW-1'") == 1L,
            what: "Stock to learn NEW-1 from the new tenant's outbox");
    }

    private const string Progress = "subscription($slug: String!) { tenantProvisioning(slug: $slug) { slug step state message position stepCount tenantStatus } }";

    /// <summary>Every message of one subscription until its complete (or error), as an anonymous portal would see them.</summary>
    private static async Task<List<JsonNode>> FollowAsync(GraphQLSocket socket, string id)
    {
        var messages = new List<JsonNode>();
        while (true)
        {
            var message = await socket.ReceiveForAsync(id, TimeSpan.FromSeconds(60));
            var type = message["type"]!.GetValue<string>();
            if (type == "complete")
                return messages;
            messages.Add(message);
            if (type == "error")
                return messages;
        }
    }

    [Fact]
    public async Task TenantProvisioning_PushesEveryStep_ToAnAnonymousPortal_ThenCompletesWhenActive()
    {
        var slug = NewSlug("live");
        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync();
        Assert.Empty((await OnboardAsync(slug))["userErrors"]!.AsArray());
        await socket.SubscribeAsync("p", Progress, new { slug });

        var messages = await FollowAsync(socket, "p");
        Assert.All(messages, m => Assert.Equal("next", m["type"]!.GetValue<string>()));
        var progress = messages.Select(m => m["payload"]!["data"]!["tenantProvisioning"]!).ToList();
        Assert.All(progress, p => Assert.Equal(slug, p["slug"]!.GetValue<string>()));
        Assert.All(progress, p => Assert.Equal(6, p["stepCount"]!.GetValue<int>()));

        // Each step's last word is DONE, in order, and the last message says the tenant is ACTIVE.
        var last = progress.GroupBy(p => p["step"]!.GetValue<string>()).Select(g => g.Last()).OrderBy(p => p["position"]!.GetValue<int>()).ToList();
        Assert.Equal(["PLACE_DATABASE", "CREATE_DATABASE", "APPLY_MIGRATIONS", "SEED_DEFAULTS", "CREATE_ADMIN", "ACTIVATE"], last.Select(p => p["step"]!.GetValue<string>()));
        Assert.All(last, p => Assert.Equal("DONE", p["state"]!.GetValue<string>()));
        Assert.Equal("ACTIVE", progress[^1]["tenantStatus"]!.GetValue<string>());
        var positions = progress.Where(p => p["state"]!.GetValue<string>() == "DONE").Select(p => p["position"]!.GetValue<int>()).ToList();
        Assert.Equal(positions.Order(), positions);

        // The portal learns progress, not where the data lives or who the administrator is.
        var text = string.Join(" ", progress.Select(p => p["message"]?.GetValue<string>()));
        Assert.DoesNotContain(OnboardingFixture.Prefix, text);
        Assert.DoesNotContain("owner@example.test", text);
        Assert.DoesNotContain("primary", text, StringComparison.OrdinalIgnoreCase); // the servers' names
        Assert.DoesNotContain("secondary", text, StringComparison.OrdinalIgnoreCase);

        // Subscribing once it is active answers the steps as they stand, and completes.
        await socket.SubscribeAsync("again", Progress, new { slug });
        var again = await FollowAsync(socket, "again");
        Assert.Equal(6, again.Count);
        Assert.All(again, m => Assert.Equal("DONE", m["payload"]!["data"]!["tenantProvisioning"]!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TenantProvisioning_OfAnUnknownSlug_IsAnError()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync();
        await socket.SubscribeAsync("p", Progress, new { slug = "nobody-here" });
        var answer = Assert.Single(await FollowAsync(socket, "p"));
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", answer["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private async Task<string> TenantConnectionAsync(string slug)
    {
        var name = $"{OnboardingFixture.Prefix}_{slug.Replace('-', '_')}";
        return (await DatabasesAsync(TestServices.PostgresConnectionString)).Contains(name)
            ? new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = name }.ConnectionString
            : fixture.Secondary.ConnectionString(name);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Onboard_SameSlugConcurrently_RegistersOneTenantAndOneDatabase()
    {
        var slug = NewSlug("race");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OnboardAsync(slug)));

        Assert.Equal(1, results.Count(r => r["tenant"] is not null));
        Assert.All(results.Where(r => r["tenant"] is null), r => Assert.Equal(["SLUG_TAKEN"], Codes(r)));
        await WaitForStatusAsync(slug, "ACTIVE");
        var again = await OnboardAsync(slug);
        Assert.Equal(["SLUG_TAKEN"], Codes(again));
        var database = $"{OnboardingFixture.Prefix}_{slug.Replace('-', '_')}";
        var onPrimary = await DatabasesAsync(TestServices.PostgresConnectionString);
        var onSecondary = await fixture.Secondary.DatabasesAsync();
        Assert.Equal(1, onPrimary.Count(d => d == database) + onSecondary.Count(d => d == database));
    }

    [Theory]
    [InlineData("ab", "INVALID_SLUG", "input.slug")]
    [InlineData("1abc", "INVALID_SLUG", "input.slug")]
    [InlineData("Upper-case", "INVALID_SLUG", "input.slug")]
    [InlineData("has_underscore", "INVALID_SLUG", "input.slug")]
    [InlineData("admin", "SLUG_RESERVED", "input.slug")]
    [InlineData("www", "SLUG_RESERVED", "input.slug")]
    [InlineData("acme", "SLUG_TAKEN", "input.slug")]
    public async Task Onboard_WithABadSlug_IsRefusedAndRegistersNothing(string slug, string code, string field)
    {
        var payload = await OnboardAsync(slug);

        Assert.Contains(code, Codes(payload));
        Assert.Contains(payload["userErrors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Null(payload["tenant"]);
        Assert.Equal(0, await RegisteredTenantsAsync());
    }

    [Theory]
    [InlineData("short1!A", "owner@example.test", "WEAK_PASSWORD", "input.adminPassword")]
    [InlineData("alllowercaseletters", "owner@example.test", "WEAK_PASSWORD", "input.adminPassword")]
    [InlineData("Str0ng-enough!", "not-an-email", "VALIDATION", "input.adminEmail")]
    public async Task Onboard_WithABadAdministrator_IsRefusedAndRegistersNothing(string password, string email, string code, string field)
    {
        var payload = await OnboardAsync(NewSlug("bad"), password, email);

        Assert.Contains(payload["userErrors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == code && e["field"]!.GetValue<string>() == field);
        Assert.Equal(0, await RegisteredTenantsAsync());
    }

    [Fact]
    public async Task Placement_PutsEachNewTenantOnTheServerWithFewestTenants_AndItsDataStaysThere()
    {
        var slugs = Enumerable.Range(0, 4).Select(i => NewSlug($"place{i}")).ToList();
        foreach (var slug in slugs)
        {
            await OnboardAsync(slug);
            await WaitForStatusAsync(slug, "ACTIVE");
        }

        var onPrimary = await DatabasesAsync(TestServices.PostgresConnectionString);
        var onSecondary = await fixture.Secondary.DatabasesAsync();
        string Database(string slug) => $"{OnboardingFixture.Prefix}_{slug.Replace('-', '_')}";
        Assert.Equal(2, slugs.Count(s => onPrimary.Contains(Database(s))));
        Assert.Equal(2, slugs.Count(s => onSecondary.Contains(Database(s))));
        Assert.All(slugs, s => Assert.False(onPrimary.Contains(Database(s)) && onSecondary.Contains(Database(s))));

        // A product written for a tenant on the secondary server is in that server's database only.
        var secondarySlug = slugs.First(s => onSecondary.Contains(Database(s)));
        await App.GraphQL(secondarySlug)
            .QueryAsync("""mutation { createProduct(input: { sku: "WHERE-1", name: "Where am I" }) { product { id } } }""");
        await using var connection = new NpgsqlConnection(fixture.Secondary.ConnectionString(Database(secondarySlug)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM catalog.products WHERE sku = 'WHERE-1'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task FailedStep_MarksTheTenantFailed_AndRetryResumesAtThatStep()
    {
        var first = NewSlug("onprimary");
        await OnboardAsync(first);
        await WaitForStatusAsync(first, "ACTIVE");

        var second = NewSlug("outage");
        await fixture.Secondary.StopAsync();
        try
        {
            await OnboardAsync(second); // fewest tenants: the secondary server, which is down
            var failed = await WaitForStatusAsync(second, "FAILED");
            Assert.Equal("CREATE_DATABASE failed.", failed["failureReason"]!.GetValue<string>()); // anyone: which step
            var forOperator = (await App.Operator().QueryAsync("query($slug: String!) { tenant(slug: $slug) { failureReason } }", new { slug = second }))["tenant"]!;
            Assert.StartsWith("CREATE_DATABASE failed: ", forOperator["failureReason"]!.GetValue<string>()); // operators: the error too

            // A portal following it hears that the step failed, and the subscription completes.
            await using (var socket = await GraphQLSocket.OpenAsync(App))
            {
                await socket.InitAsync();
                await socket.SubscribeAsync("p", Progress, new { slug = second });
                var progress = (await FollowAsync(socket, "p")).Select(m => m["payload"]!["data"]!["tenantProvisioning"]!).ToList();
                var failedStep = Assert.Single(progress, p => p["state"]!.GetValue<string>() == "FAILED");
                Assert.Equal("CREATE_DATABASE", failedStep["step"]!.GetValue<string>());
                Assert.Equal("FAILED", progress[^1]["tenantStatus"]!.GetValue<string>());
            }
            var steps = failed["provisioning"]!.AsArray().ToDictionary(s => s!["step"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>());
            Assert.Equal("DONE", steps["PLACE_DATABASE"]);
            Assert.Equal("FAILED", steps["CREATE_DATABASE"]);
            Assert.Equal("PENDING", steps["ACTIVATE"]);

            var notReady = await App.GraphQL(second).SendAsync("{ products { totalCount } }");
            Assert.Equal(503, notReady.Status);
            Assert.Equal("TENANT_NOT_READY", notReady.FirstErrorCode);

            var tooEarly = (await App.Operator().QueryAsync("mutation($slug: String!) { retryTenantProvisioning(slug: $slug) { userErrors { code } } }", new { slug = first }))["retryTenantProvisioning"]!;
            Assert.Equal(["INVALID_STATUS"], Codes(tooEarly));
        }
        finally
        {
            await fixture.Secondary.StartAgainAsync();
        }

        var retried = (await App.Operator().QueryAsync("mutation($slug: String!) { retryTenantProvisioning(slug: $slug) { tenant { status } userErrors { code } } }", new { slug = second }))["retryTenantProvisioning"]!;
        Assert.Empty(retried["userErrors"]!.AsArray());
        var active = await WaitForStatusAsync(second, "ACTIVE");
        Assert.Null(active["failureReason"]);
        Assert.Contains($"{OnboardingFixture.Prefix}_{second.Replace('-', '_')}", await fixture.Secondary.DatabasesAsync());
    }

    [Fact]
    public async Task StockWrite_WhileTheTenantsServerIsDown_FailsFastWithDatabaseUnavailable_AndARetryWithTheKeyAppliesOnce()
    {
        var onPrimary = NewSlug("up");
        await OnboardAsync(onPrimary);
        await WaitForStatusAsync(onPrimary, "ACTIVE");
        var slug = NewSlug("down");
        await OnboardAsync(slug); // fewest tenants: the secondary server
        await WaitForStatusAsync(slug, "ACTIVE");
        Assert.Contains($"{OnboardingFixture.Prefix}_{slug.Replace('-', '_')}", await fixture.Secondary.DatabasesAsync());
        await App.ProductsAsync(slug, "DOWN-1");
        await App.ReceiveAsync(slug, "DOWN-1", 10);

        const string receive = """
            mutation { receiveStock(input: { sku: "DOWN-1", warehouseCode: "MAIN", quantity: 5 }, idempotencyKey: "during-outage") {
              stockLevel { onHand } replayed userErrors { code } } }
            """;
        await fixture.Secondary.StopAsync();
        try
        {
            var refused = await App.GraphQL(slug, "Clerk").SendAsync(receive);
            Assert.True(refused.FirstErrorCode == "DATABASE_UNAVAILABLE", refused.Body?.ToJsonString());
            Assert.Null(refused.Data?["receiveStock"]);
        }
        finally
        {
            await fixture.Secondary.StartAgainAsync();
        }

        // The client retries with the same key until the database answers: the receipt is applied exactly once.
        var applied = await Eventually.WaitAsync(() => App.GraphQL(slug, "Clerk").SendAsync(receive), r => r.Data?["receiveStock"]?["stockLevel"] is not null,
            TimeSpan.FromSeconds(30), "the receipt to go through after the restart");
        Assert.Equal(15, applied.Data!["receiveStock"]!["stockLevel"]!["onHand"]!.GetValue<int>());
        var again = (await App.GraphQL(slug, "Clerk").QueryAsync(receive))["receiveStock"]!;
        Assert.True(again["replayed"]!.GetValue<bool>());
        Assert.Equal(15, again["stockLevel"]!["onHand"]!.GetValue<int>());
        var level = (await App.GraphQL(slug, "Viewer").QueryAsync("""{ stockLevel(sku: "DOWN-1", warehouseCode: "MAIN") { onHand } stockMovements(first: 10) { totalCount } }"""));
        Assert.Equal(15, level["stockLevel"]!["onHand"]!.GetValue<int>());
        Assert.Equal(2, level["stockMovements"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tenant_UnknownSlug_IsNull()
    {
        Assert.Null((await App.Anonymous().QueryAsync("{ tenant(slug: \"nobody-here\") { id } }"))["tenant"]);
    }

    private async Task<long> RegisteredTenantsAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor("system"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tenants.tenants", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> DatabasesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }
}
