namespace Inventory.Orders.Contracts;

/// <summary>Anchor of this Contracts assembly (integration events are added in this module's issue).</summary>
public static class OrdersContractsMarker
{
}
