namespace Inventory.BuildingBlocks.GraphQL.Types;

/// <summary>Timestamps are stored as UTC <see cref="DateTime"/> (portable across the three providers) and shown in ISO 8601 with a Z.</summary>
public static class UtcDates
{
    public static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
