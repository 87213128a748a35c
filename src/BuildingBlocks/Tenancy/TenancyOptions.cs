namespace Inventory.BuildingBlocks.Tenancy;

public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>Tenant used when a request names none (the embedded default's demo tenant).</summary>
    public string? DefaultTenant { get; set; } = "demo";

    public List<ConfiguredTenant> Tenants { get; set; } = [];

    public sealed class ConfiguredTenant
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }

        /// <summary>Optional; by default the provider's connection template with the tenant id filled in.</summary>
        public string? ConnectionString { get; set; }
    }
}
