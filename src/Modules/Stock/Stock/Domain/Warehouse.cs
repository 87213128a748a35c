namespace Inventory.Stock.Domain;

/// <summary>A place stock is kept. The code is unique per tenant; priority orders warehouses for allocation (lower first).</summary>
internal sealed class Warehouse
{
    public const string DefaultCode = "MAIN";

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public int Priority { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>What a stock write needs of a stored warehouse, read without EF Core.</summary>
    public static Warehouse Existing(Guid id, string code, bool active) => new() { Id = id, Code = code, Active = active };

    public static Warehouse Create(string code, string name, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Code = code,
        Name = name,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
