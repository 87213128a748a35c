using System.Reflection;
using Inventory.ArchitectureTests.Infrastructure;

namespace Inventory.ArchitectureTests.Rules;

internal static partial class ArchitectureRules
{
    /// <summary>What a Contracts type may never touch: persistence, the bus, the platform's plumbing.</summary>
    public static readonly IReadOnlyList<string> ForbiddenInContracts =
    [
        "Microsoft.EntityFrameworkCore",
        "MassTransit",
        "Inventory.BuildingBlocks",
    ];

    /// <summary>A Contracts project has no EF Core (any provider) or MassTransit package.</summary>
    public static IReadOnlyList<string> ContractsPackageReferenceViolations(string csprojPath)
    {
        if (!File.Exists(csprojPath))
            return [$"{csprojPath} does not exist."];

        var project = ProjectName(csprojPath);
        return PackageReferences(csprojPath)
            .Where(IsForbiddenPackage)
            .Select(package =>
                $"{project} has a PackageReference to {package}: Contracts carry integration events and read interfaces only, no EF Core and no MassTransit.")
            .ToList();
    }

    private static bool IsForbiddenPackage(string packageId) =>
        packageId.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase) ||
        packageId.Contains(".EntityFrameworkCore", StringComparison.OrdinalIgnoreCase) || // provider packages (Npgsql.EntityFrameworkCore.PostgreSQL)
        packageId.StartsWith("EFCore.", StringComparison.OrdinalIgnoreCase) ||
        packageId.StartsWith("MassTransit", StringComparison.OrdinalIgnoreCase);

    /// <summary>No type of a Contracts scope depends on EF Core, MassTransit or BuildingBlocks (NetArchTest, down to method bodies).</summary>
    public static IReadOnlyList<string> ContractsTypeDependencyViolations(TypeScope contracts)
    {
        if (contracts.NetArchTestTypeCount == 0)
            return [$"NetArchTest found no types in {contracts.Description}: the rule would test nothing."];

        var result = contracts.ShouldNot().HaveDependencyOnAny([.. ForbiddenInContracts]).GetResult();
        if (result.IsSuccessful)
            return [];

        // NetArchTest says which types fail, not on what: ask once per forbidden namespace for a useful message.
        return ForbiddenInContracts
            .SelectMany(forbidden => (contracts.ShouldNot().HaveDependencyOn(forbidden).GetResult().FailingTypeNames ?? [])
                .Select(type => $"{type} (in {contracts.Description}) depends on {forbidden}: Contracts must stay free of it."))
            .ToList();
    }

    /// <summary>
    /// The compiled Contracts assembly references no EF Core or MassTransit assembly and no Inventory assembly other
    /// than .Contracts ones (BuildingBlocks, a module's main assembly, the Host).
    /// </summary>
    public static IReadOnlyList<string> ContractsAssemblyReferenceViolations(Assembly contracts)
    {
        var name = contracts.GetName().Name;
        return contracts.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? "")
            .Where(reference =>
                reference.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) ||
                reference.StartsWith("MassTransit", StringComparison.Ordinal) ||
                (reference.StartsWith("Inventory.", StringComparison.Ordinal) && !reference.EndsWith(".Contracts", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(reference => $"{name} references assembly {reference}: a Contracts assembly may reference only the framework and other Contracts assemblies.")
            .ToList();
    }
}
