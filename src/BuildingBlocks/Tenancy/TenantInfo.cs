namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>A tenant as the rest of the platform sees it: who it is and where its database lives.</summary>
public sealed record TenantInfo(string Id, string Name, string ConnectionString);
