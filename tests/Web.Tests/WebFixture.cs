using Inventory.TestKit;

namespace Inventory.Web.Tests;

/// <summary>
/// One host for the browser tests, listening on a loopback port (Kestrel) so that Chromium can reach it, on the
/// run's PostgreSQL, with a signed-up administrator; and one headless Chromium. Each test opens its own browser
/// context (fresh localStorage, so fresh sign-in).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string DatabasePrefix = "web_tests";
    public const string Tenant = "webui";
    public const string AdminEmail = "admin@webui.test";
    public const string AdminPassword = "Str0ng-enough!";

    private InventoryApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public InventoryApp App => _app ?? throw new InvalidOperationException("not started");
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    /// <summary>A plain HTTP client of the host, over the loopback port the browser uses.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A client of the API over the same loopback port the browser uses.</summary>
    public GraphQLClient Api(string? token = null) => new(Http(), null, token);

    public async Task InitializeAsync()
    {
        // Databases of earlier runs (configured tenants, the system database and tenants signed up through the UI).
        await Loopback.DropDatabasesAsync(DatabasePrefix);

        _app = new InventoryApp(new AppOptions
        {
            DatabasePrefix = DatabasePrefix,
            Tenants = [Tenant],
            // Reservations past their time to live expire within a second (the default job runs every 5 s), so
            // a page waiting for an expiry waits for little more than the time to live.
            Settings = new() { ["Stock:ReservationExpiryInterval"] = "00:00:01" },
        });
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = Loopback.Address(_app);

        using (var http = Http())
            await Eventually.WaitAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "the host to be ready");

        // The administrator the tests sign in as (created with a token signed by the test key).
        var created = (await Api(TestTokens.For(Tenant)).QueryAsync("""
            mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }
            """, new { input = new { email = AdminEmail, password = AdminPassword, roles = new[] { "ADMIN" } } }))["createUser"]!;
        Assert.Empty(created["userErrors"]!.AsArray());

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("INVENTORY_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is missing: apt-get install -y chromium (scripts/test.sh installs it), or set INVENTORY_TEST_CHROMIUM.");

    /// <summary>A new browser context (its own storage) on a laptop-sized screen, with the host as base URL, watched by <see cref="BrowserChecks"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        // Every page of every browser test is watched for CSP violations and a missing icon (BrowserChecks).
        await BrowserChecks.WatchAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page and waits for the dashboard.</summary>
    public static async Task SignInAsync(IPage page, string tenant = Tenant, string email = AdminEmail, string password = AdminPassword)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Tenant").FillAsync(tenant);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>Screenshots of the main pages, under TestResults/screenshots at the repository root (git-ignored).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Create();

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });

    private static string Create()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inventory.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Inventory.sln above {AppContext.BaseDirectory}");
    }
}
