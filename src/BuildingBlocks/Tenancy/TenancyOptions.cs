namespace Inventory.BuildingBlocks.Tenancy;

public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>Tenant used when a request names none (the embedded default's demo tenant).</summary>
    public string? DefaultTenant { get; set; } = "demo";

    public List<ConfiguredTenant> Tenants { get; set; } = [];

    /// <summary>When set (e.g. <c>inventory.example</c>), <c>acme.inventory.example</c> names the tenant <c>acme</c>.</summary>
    public string? BaseDomain { get; set; }

    /// <summary>The platform operators' key (header <c>X-Operator-Key</c>); operator fields are closed while it is unset.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>Shortest operator key the host starts with: a short key can be guessed.</summary>
    public const int MinOperatorKeyLength = 32;

    /// <summary>Wrong operator keys one client address may send per <see cref="OperatorKeyFailureWindow"/> before it gets 429.</summary>
    public int OperatorKeyFailureLimit { get; set; } = 5;

    public TimeSpan OperatorKeyFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    public sealed class ConfiguredTenant
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }

        /// <summary>Optional; by default the provider's connection template with the tenant id filled in.</summary>
        public string? ConnectionString { get; set; }
    }
}
