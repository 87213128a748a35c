using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Inventory.Host.Tests.Http;

/// <summary>The security headers on the API and operations answers; HSTS only when the request came over HTTPS.</summary>
public sealed class SecurityHeadersTests(HostFixture fixture) : HostTest(fixture)
{
    [Theory]
    [InlineData("http://localhost", false)]
    [InlineData("https://localhost", true)]
    public async Task ApiAndHealthAnswers_AreNosniff_NeverFramed_AndStrictOverHttpsOnly(string baseAddress, bool https)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });

        foreach (var response in new[]
        {
            await client.PostAsync("/graphql", new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json")),
            await client.GetAsync("/graphql?query=%7B__typename%7D"),
            await client.GetAsync("/health/live"),
            await client.GetAsync("/health/ready"),
        })
        {
            var what = response.RequestMessage!.RequestUri!.ToString();
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
            Assert.Equal(["default-src 'none'; frame-ancestors 'none'"], response.Headers.GetValues("Content-Security-Policy"));
            Assert.True(https == response.Headers.Contains("Strict-Transport-Security"), what);
            if (https)
                Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
    }
}
