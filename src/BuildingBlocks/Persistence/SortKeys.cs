namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Keys for keyset paging by creation time that sort the same way on every provider: fixed-width UTC ticks,
/// then the id, as one string (unique, and ordered like (time, id)).
/// </summary>
public static class SortKeys
{
    public static string Of(DateTime at, Guid id) => $"{at.Ticks:D19}-{id:N}";
}
