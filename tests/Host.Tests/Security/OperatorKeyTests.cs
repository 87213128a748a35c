using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>The operator key: a minimum length at start, and wrong keys limited per client address (on Kestrel, from several loopback addresses).</summary>
public sealed class OperatorKeyTests
{
    private const string Query = """{ tenants { totalCount } }""";

    [Theory]
    [InlineData("k3y-too-sh0rt")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31 characters
    public async Task AKeyShorterThan32Characters_StopsTheHostFromStarting(string key)
    {
        await using var app = new InventoryApp(new AppOptions
        {
            DatabasePrefix = "opkey_short",
            Tenants = ["solo"],
            Settings = new() { ["Tenancy:OperatorKey"] = key },
        });

        var failure = Record.Exception(() => app.Server);

        Assert.NotNull(failure);
        Assert.Contains("Tenancy:OperatorKey must be at least 32 characters", failure.ToString());
        Assert.DoesNotContain(key, failure.ToString()); // the message does not echo the key, quoted or not
    }

    [Fact]
    public async Task WrongKeys_AreLimitedPerAddress_WithRetryAfter_AndTheRightKeyFromAnotherAddressStillWorks()
    {
        await using var app = new InventoryApp(new AppOptions
        {
            DatabasePrefix = "opkey_limit",
            Tenants = ["solo"],
            Settings = new()
            {
                ["Tenancy:OperatorKeyFailureLimit"] = "3",
                ["Tenancy:OperatorKeyFailureWindow"] = "01:00:00",
            },
        });
        await app.DropDatabasesAsync();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Loopback.Address(app);
        using var attacker = LoopbackClients.From(baseUrl, "127.0.0.2");
        using var operatorHost = LoopbackClients.From(baseUrl, "127.0.0.3");
        await Eventually.WaitAsync(async () => (await operatorHost.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "the host to be ready");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(attacker, $"wrong-key-{i}-0123456789abcdef0123456789")).StatusCode);

        var limited = await SendAsync(attacker, "wrong-key-again-0123456789abcdef01234567");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("TOO_MANY_REQUESTS", await limited.Content.ReadAsStringAsync());

        // The right key from the limited address is limited too: a right guess must not stand out.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(attacker, TestTokens.OperatorKey)).StatusCode);
        // The detailed readiness takes the same key and the same limit.
        using (var health = new HttpRequestMessage(HttpMethod.Get, "/health/ready"))
        {
            health.Headers.Add("X-Operator-Key", TestTokens.OperatorKey);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SendAsync(health)).StatusCode);
        }
        // Requests without an operator key from that address are not affected.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/health/live")).StatusCode);

        // The operator, from another address, is unaffected.
        var right = await SendAsync(operatorHost, TestTokens.OperatorKey);
        var body = JsonNode.Parse(await right.Content.ReadAsStringAsync())!;
        Assert.True(right.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Null(body["errors"]);
        Assert.NotNull(body["data"]!["tenants"]);

        // Wrong keys sent at once from a third address: exactly the limit of them are answered 401, the rest 429.
        using var burst = LoopbackClients.From(baseUrl, "127.0.0.4");
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => SendAsync(burst, $"burst-{i}-0123456789abcdef0123456789abcdef")));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(27, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(burst, "after-burst-0123456789abcdef0123456789ab")).StatusCode);
    }

    [Fact]
    public async Task WrongKeys_OnWebSocketUpgrades_SpendTheSamePermits_PerIPv6Network()
    {
        await using var app = new InventoryApp(new AppOptions
        {
            DatabasePrefix = "opkey_socket",
            Tenants = ["solo"],
            Settings = new()
            {
                ["Tenancy:OperatorKeyFailureLimit"] = "3",
                ["Tenancy:OperatorKeyFailureWindow"] = "01:00:00",
            },
        });
        await app.DropDatabasesAsync();
        Task<GraphQLSocket> OpenAsync(string key, string address) => GraphQLSocket.OpenAsync(app, configureRequest: r =>
        {
            r.Headers["X-Operator-Key"] = key;
            r.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        async Task<(int Code, string? Reason)> RefusedAsync(string key, string address)
        {
            await using var socket = await OpenAsync(key, address);
            await socket.SendAsync(new { type = "connection_init" });
            return await socket.ExpectCloseAsync();
        }

        // Before, every wrong key over a socket got 4403 and spent nothing: guessing was unlimited there.
        var wrong = new List<(int Code, string? Reason)>();
        for (var i = 1; i <= 3; i++)
            wrong.Add(await RefusedAsync($"wrong-key-{i}-0123456789abcdef0123456789", $"2001:db8:99:1::{i}"));
        var rightKeyLimited = await RefusedAsync(TestTokens.OperatorKey, "2001:db8:99:1:ffff::1");
        await using var otherNetwork = await OpenAsync(TestTokens.OperatorKey, "2001:db8:99:2::1");
        await otherNetwork.InitAsync(); // acknowledged: the right key from another network is unaffected
        // The socket's wrong keys count over HTTP as well: one guard, one address rule.
        var http = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/graphql";
            c.Request.Headers["X-Operator-Key"] = TestTokens.OperatorKey;
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query = Query })));
            c.Connection.RemoteIpAddress = IPAddress.Parse("2001:db8:99:1::abcd");
        });

        Assert.All(wrong, w => Assert.Equal(4403, w.Code));
        Assert.Equal(4429, rightKeyLimited.Code);
        Assert.Contains("operator key", rightKeyLimited.Reason);
        Assert.Equal(StatusCodes.Status429TooManyRequests, http.Response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Query }) };
        request.Headers.Add("X-Operator-Key", key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
