namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>
/// Only <see cref="Active"/> is served. PendingVerification (waiting for the emailed code), PendingApproval (waiting for
/// an operator) and Rejected (refused by an operator) have no database yet.
/// </summary>
public enum TenantStatus { Provisioning, Active, Failed, Suspended, PendingVerification, PendingApproval, Rejected }

/// <summary>A tenant as the rest of the platform sees it: who it is, where its database lives, whether it may be served.</summary>
public sealed record TenantInfo(string Id, string Name, string ConnectionString, TenantStatus Status = TenantStatus.Active);
