using GraphQLParser;
using Inventory.BuildingBlocks.GraphQL.Documents;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Documents;

/// <summary>The parsed-document cache (ADR 20) is bounded by entries and by total query text, and keeps what is used.</summary>
public sealed class ParsedDocumentCacheTests
{
    private static ParsedDocumentCache Create(int maxEntries = 1000, long maxTotalChars = 1_000_000, int maxDocumentChars = 10_000) =>
        new(Options.Create(new DocumentCacheOptions { MaxEntries = maxEntries, MaxTotalChars = maxTotalChars, MaxDocumentChars = maxDocumentChars }));

    private static void Add(ParsedDocumentCache cache, string query) => cache.Add(query, null, Parser.Parse(query));

    [Fact]
    public void TenThousandDistinctDocuments_StayWithinTheEntryBound()
    {
        var cache = Create(maxEntries: 100);

        for (var i = 0; i < 10_000; i++)
            Add(cache, $"{{ f{i}: __typename }}");

        Assert.InRange(cache.Count, 1, 100);
        Assert.NotNull(cache.Get("{ f9999: __typename }", null)); // the newest survives
    }

    [Fact]
    public void LongDocuments_StayWithinTheTotalTextBound()
    {
        var cache = Create(maxTotalChars: 50_000);
        var padding = new string(' ', 4_000);

        for (var i = 0; i < 1_000; i++)
            Add(cache, $"{{ f{i}: __typename {padding} }}");

        Assert.InRange(cache.TotalChars, 1, 50_000);
        Assert.InRange(cache.Count, 1, 50_000 / 4_000);
    }

    [Fact]
    public void ADocumentLongerThanTheLimit_IsNeverCached()
    {
        var cache = Create(maxDocumentChars: 100);
        var query = "{ __typename " + new string(' ', 200) + "}";

        Add(cache, query);

        Assert.Null(cache.Get(query, null));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TheRecentlyUsedDocument_SurvivesATrim()
    {
        var cache = Create(maxEntries: 10);
        Add(cache, "{ hot: __typename }");
        for (var i = 0; i < 100; i++)
        {
            Assert.NotNull(cache.Get("{ hot: __typename }", null));
            Add(cache, $"{{ f{i}: __typename }}");
        }

        Assert.NotNull(cache.Get("{ hot: __typename }", null));
        Assert.InRange(cache.Count, 1, 10);
    }

    [Fact]
    public void TheKey_IsTheTextAndTheOperationName()
    {
        var cache = Create();
        const string text = "query A { __typename } query B { __typename }";

        cache.Add(text, "A", Parser.Parse(text));

        Assert.NotNull(cache.Get(text, "A"));
        Assert.Null(cache.Get(text, "B"));
        Assert.Null(cache.Get(text, null));
    }
}
