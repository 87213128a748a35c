namespace Inventory.Web.Tests;

/// <summary>What the browser tests do on many pages: open a page from the navigation, find a row, fill a line, filter a list.</summary>
public static class Ui
{
    /// <summary>A new page of the host, signed in as the tenant's administrator.</summary>
    public static async Task<IPage> SignedInPageAsync(WebFixture web)
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        return page;
    }

    /// <summary>Opens a page by its link in the Main navigation and waits for its heading (the link's text unless told).</summary>
    public static async Task OpenAsync(IPage page, string link, string? heading = null)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading ?? link, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The table rows whose row header is exactly <paramref name="header"/> (a SKU, a code, a reference).</summary>
    public static ILocator Row(IPage page, string header) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) });

    /// <summary>Fills line <paramref name="line"/> (from 1) of a lines editor in <paramref name="form"/>.</summary>
    public static async Task FillLineAsync(ILocator form, int line, string sku, string quantity)
    {
        await form.GetByLabel($"SKU, line {line}").FillAsync(sku);
        await form.GetByLabel($"Quantity, line {line}").FillAsync(quantity);
    }

    /// <summary>Types <paramref name="value"/> in a list's text filter and applies the filters.</summary>
    public static async Task FilterAsync(IPage page, string label, string value)
    {
        await page.GetByLabel(label).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
    }

    /// <summary>Opens the stock grid filtered by <paramref name="sku"/>; answers its rows (one per warehouse).</summary>
    public static async Task<ILocator> StockLevelsAsync(IPage page, string sku)
    {
        await page.GotoAsync("/stock");
        await FilterAsync(page, "SKU", sku);
        return Row(page, sku);
    }
}
