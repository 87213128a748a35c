using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Inventory.Host;

/// <summary>
/// Serves the web UI that the build puts in wwwroot (src/Web, see src/Web/Web.targets): hashed assets with a
/// long cache, GraphiQL at /graphql/ui, and index.html for every other client route (the React router takes
/// it from there). The API (/graphql) and operations (/health/*) never fall back to the UI. Every answer carries
/// the security headers (Content-Security-Policy, nosniff, Referrer-Policy, no framing; HSTS over HTTPS).
/// </summary>
internal static class WebUi
{
    private const string IndexFile = "index.html";
    private const string GraphiQLFile = "graphiql.html";

    private static readonly string[] ServerPrefixes = ["/graphql", "/health", "/metrics"];

    /// <summary>
    /// The pages' policy. Scripts only from the host's own files (the Vite build has no inline script); styles also
    /// inline, because GraphiQL's editor (Monaco) inserts style elements at run time; GraphiQL's fonts and images are
    /// data: URLs and its language workers are module scripts of the host (blob: covers Monaco's fallback); the API
    /// and its WebSocket are on the same origin. No page may be framed.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>API and operations answers are data, never a document: nothing may load or frame them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static WebApplication UseWebUi(this WebApplication app)
    {
        // Security headers on every answer (pages, assets, API, health), set before anything is written.
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                var isPage = !ServerPrefixes.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
                    || http.Request.Path.StartsWithSegments("/graphql/ui", StringComparison.OrdinalIgnoreCase);
                headers.ContentSecurityPolicy = isPage ? PagePolicy : ApiPolicy;
                headers.XFrameOptions = "DENY";
                // Only over HTTPS (a browser ignores it over HTTP, and the embedded default serves HTTP).
                if (http.Request.IsHttps)
                    headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            return next(http);
        });

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
