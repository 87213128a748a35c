namespace Inventory.BuildingBlocks.GraphQL.Http;

public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest accepted POST body; larger requests get 413 before anything is parsed.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Largest accepted query string of a GET request.</summary>
    public int MaxQueryStringLength { get; set; } = 16 * 1024;

    public int MaxDepth { get; set; } = 12;
    public int MaxComplexity { get; set; } = 5000;
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Show exception details in errors (development only).</summary>
    public bool ExposeExceptionDetails { get; set; }
}
