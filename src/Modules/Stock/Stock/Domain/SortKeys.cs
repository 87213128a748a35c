namespace Inventory.Stock.Domain;

internal static class SortKeys
{
    /// <summary>A string that sorts like (time, id): fixed-width UTC ticks, then the id.</summary>
    public static string Of(DateTime at, Guid id) => $"{at.Ticks:D19}-{id:N}";
}
