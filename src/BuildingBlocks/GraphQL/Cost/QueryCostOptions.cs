namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>
/// The calculated cost of a GraphQL request and each caller's budget (configuration section <c>GraphQL:Cost</c>;
/// ADR 15). The defaults let a busy integration or a benchmark run unthrottled; production sets a tighter budget.
/// </summary>
public sealed class QueryCostOptions
{
    public const string Section = "GraphQL:Cost";

    /// <summary>The most one request may cost; a costlier one is refused before execution with MAX_COST_EXCEEDED.</summary>
    public int MaxCost { get; set; } = 1000;

    /// <summary>
    /// Root fields one operation may select (every alias counts); more are refused with TOO_MANY_ROOT_FIELDS. Room for
    /// a client's batch of aliased lookups (one SELECT for all of them), none for thousands of aliases.
    /// </summary>
    public int MaxRootFields { get; set; } = 50;

    /// <summary>The base cost of a mutation root field (its payload's objects come on top).</summary>
    public int MutationCost { get; set; } = 10;

    /// <summary>The size of each caller's bucket (throttleStatus.maximumAvailable); 0 turns budgets off.</summary>
    public int MaximumAvailable { get; set; } = 20_000;

    /// <summary>Points given back to each caller's bucket per second (throttleStatus.restoreRate).</summary>
    public int RestoreRate { get; set; } = 10_000;
}
