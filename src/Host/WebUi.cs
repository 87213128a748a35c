using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Inventory.Host;

/// <summary>
/// Serves the web UI that the build puts in wwwroot (src/Web, see src/Web/Web.targets): hashed assets with a
/// long cache, GraphiQL at /graphql/ui, and index.html for every other client route (the React router takes
/// it from there). The API (/graphql) and operations (/health/*) never fall back to the UI.
/// </summary>
internal static class WebUi
{
    private const string IndexFile = "index.html";
    private const string GraphiQLFile = "graphiql.html";

    private static readonly string[] ServerPrefixes = ["/graphql", "/health", "/metrics"];

    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                // Vite names assets after their content: they never change under the same name.
                headers.CacheControl = ctx.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

        app.MapGet("/graphql/ui", (HttpContext http) => SendPageAsync(http, GraphiQLFile))
            .WithDisplayName("GraphiQL");

        // Lowest priority: only paths that no endpoint and no file answered, and that do not look like a file.
        app.MapFallback("{*path:nonfile}", (HttpContext http) =>
        {
            if (ServerPrefixes.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
                || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return SendPageAsync(http, IndexFile);
        }).WithDisplayName("Web UI (client routes)");
        return app;
    }

    private static async Task SendPageAsync(HttpContext http, string name)
    {
        var env = http.RequestServices.GetRequiredService<IWebHostEnvironment>();
        var file = env.WebRootFileProvider.GetFileInfo(name);
        if (!file.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("The web UI is not built: build src/Host (it runs the src/Web build), or run `npm run build` in src/Web.");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.SendFileAsync(file);
    }
}
