namespace Inventory.BuildingBlocks.Tenancy;

public enum TenantStatus { Provisioning, Active, Failed, Suspended }

/// <summary>A tenant as the rest of the platform sees it: who it is, where its database lives, whether it may be served.</summary>
public sealed record TenantInfo(string Id, string Name, string ConnectionString, TenantStatus Status = TenantStatus.Active);
