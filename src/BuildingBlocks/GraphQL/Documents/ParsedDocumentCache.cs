using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.Documents;

/// <summary>
/// Parsed documents that passed validation once, by query text and operation name, bounded by
/// <see cref="DocumentCacheOptions.MaxEntries"/> and <see cref="DocumentCacheOptions.MaxTotalChars"/> (ADR 20). Reads
/// take no lock; an insert that crosses a bound drops the least recently used entries until the cache is a tenth under
/// both, under one lock, so the sort that takes is paid once per tenth of the cache's churn, not per request.
/// </summary>
internal sealed class ParsedDocumentCache
{
    private readonly ConcurrentDictionary<(string Query, string? OperationName), Entry> _entries = new();
    private readonly Lock _trim = new();
    private readonly DocumentCacheOptions _options;
    private long _totalChars;
    // Recency as a sequence number, not a clock: ties (many uses within one tick) would make the order of a trim arbitrary.
    private long _uses;

    public ParsedDocumentCache(IOptions<DocumentCacheOptions> options) => _options = options.Value;

    public bool Enabled => _options.Enabled && _options.MaxEntries > 0 && _options.MaxTotalChars > 0;

    public int Count => _entries.Count;

    /// <summary>Characters of query text held now (all entries).</summary>
    public long TotalChars => Interlocked.Read(ref _totalChars);

    public GraphQLDocument? Get(string query, string? operationName)
    {
        if (!_entries.TryGetValue((query, operationName), out var entry))
            return null;
        entry.LastUsed = Interlocked.Increment(ref _uses);
        return entry.Document;
    }

    public void Add(string query, string? operationName, GraphQLDocument document)
    {
        if (!Enabled || query.Length > _options.MaxDocumentChars || query.Length > _options.MaxTotalChars)
            return;
        if (!_entries.TryAdd((query, operationName), new Entry(document, query.Length) { LastUsed = Interlocked.Increment(ref _uses) }))
            return;
        if (Interlocked.Add(ref _totalChars, query.Length) > _options.MaxTotalChars || _entries.Count > _options.MaxEntries)
            Trim();
    }

    private void Trim()
    {
        lock (_trim)
        {
            if (_entries.Count <= _options.MaxEntries && TotalChars <= _options.MaxTotalChars)
                return; // another insert trimmed already
            var targetEntries = _options.MaxEntries - Math.Max(1, _options.MaxEntries / 10);
            var targetChars = _options.MaxTotalChars - _options.MaxTotalChars / 10;
            foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (_entries.Count <= targetEntries && TotalChars <= targetChars)
                    break;
                if (_entries.TryRemove(key, out var removed))
                    Interlocked.Add(ref _totalChars, -removed.Chars);
            }
        }
    }

    private sealed class Entry(GraphQLDocument document, int chars)
    {
        public GraphQLDocument Document { get; } = document;
        public int Chars { get; } = chars;
        public long LastUsed;
    }
}

/// <summary>
/// Serves a cached parse to the executer and, on a hit, runs only <see cref="ExecutionOptions.CachedDocumentValidationRules"/>:
/// the rules that depend on the caller, the variables or a budget (access by role, the transport's operation rule, NUL in
/// variables, field limits and rate limits, complexity and cost with this request's variables). The standard rules
/// depend on the document and the schema alone; the document passed them before it was cached. A document is cached
/// only after a request with it executed (so it passed every rule once), keyed by its text and operation name.
/// The transports (HTTP, WebSocket) set their own caller rules in both lists; a request that sets none keeps the full
/// rules and only skips the parse.
/// </summary>
internal sealed class DocumentCacheExecution(ParsedDocumentCache cache) : IConfigureExecution
{
    /// <summary>After the option configurations (100), which append the builder's rules to both lists.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!cache.Enabled || options.Document is not null || options.Query is not { } query)
            return await next(options).ConfigureAwait(false);

        var cached = cache.Get(query, options.OperationName);
        if (cached is not null)
        {
            options.Document = cached;
            if (options.CachedDocumentValidationRules is { } perRequest && options.UserContext.ContainsKey(CallerRulesKey))
                options.ValidationRules = perRequest;
        }
        var result = await next(options).ConfigureAwait(false);
        if (cached is null && result.Executed && result.Document is { } document)
            cache.Add(query, options.OperationName, document);
        return result;
    }

    /// <summary>
    /// Set in the user context by a transport that put its caller-dependent rules into
    /// <see cref="ExecutionOptions.CachedDocumentValidationRules"/>: without it a cached document is validated in full.
    /// </summary>
    internal const string CallerRulesKey = "inventory:cachedDocumentRules";
}
