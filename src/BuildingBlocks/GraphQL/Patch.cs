namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>
/// An input field of a partial update: absent (leave as is) or present, possibly null (set, or clear).
/// GraphQL tells "not sent" from "sent as null", and so does this.
/// </summary>
public readonly record struct Patch<T>(bool IsSet, T Value)
{
    public static Patch<T> Absent => default;

    public static Patch<T> From(IDictionary<string, object?> input, string name, Func<object?, T> convert) =>
        input.TryGetValue(name, out var raw) ? new Patch<T>(true, convert(raw)) : Absent;

    public T Or(T current) => IsSet ? Value : current;
}
