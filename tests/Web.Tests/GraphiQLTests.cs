namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class GraphiQLTests(WebFixture web)
{
    [Fact]
    public async Task GraphiQL_IsServedAtGraphqlUi_AndRunsQueriesWithTheSignedInUsersToken()
    {
        var page = await web.NewPageAsync(1440, 900);
        await WebFixture.SignInAsync(page);

        await page.GotoAsync("/graphql/ui");
        await Expect(page).ToHaveTitleAsync("GraphiQL · Inventory");
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync($"Signed in to {WebFixture.Tenant}");
        await Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync();

        // The default query asks for products, which needs the token: an answer with totalCount proves it was sent.
        // The editor loads after the page (its language worker reads the whole schema): run once it shows the query.
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute query" }).ClickAsync();
        await Expect(page.Locator(".graphiql-response")).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        await Expect(page.Locator(".graphiql-response")).Not.ToContainTextAsync("\"errors\"");
        await Screenshots.SaveAsync(page, "08-graphiql");
    }
}
