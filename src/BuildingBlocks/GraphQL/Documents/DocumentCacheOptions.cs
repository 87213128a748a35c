namespace Inventory.BuildingBlocks.GraphQL.Documents;

/// <summary>
/// The parsed-document cache (configuration section <c>GraphQL:DocumentCache</c>; ADR 20): how many documents it keeps
/// and how much query text they may add up to. A parsed document takes about ten times its text in memory, so the
/// defaults bound the cache near 40 MiB at worst, and far less for a client that sends a few hundred distinct texts.
/// </summary>
public sealed class DocumentCacheOptions
{
    public const string Section = "GraphQL:DocumentCache";

    /// <summary>Off: every request is parsed and validated in full (as before the cache).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Documents kept at most; past it the least recently used tenth is dropped.</summary>
    public int MaxEntries { get; set; } = 1000;

    /// <summary>Characters of query text kept at most (all entries together); past it the least recently used are dropped.</summary>
    public long MaxTotalChars { get; set; } = 4 * 1024 * 1024;

    /// <summary>A query text longer than this is never cached (it is parsed and validated in full on every request).</summary>
    public int MaxDocumentChars { get; set; } = 64 * 1024;
}
