using Inventory.ArchitectureTests.Infrastructure;

namespace Inventory.ArchitectureTests.Rules;

internal static partial class ArchitectureRules
{
    /// <summary>
    /// The module's one public type is its entry, a static class (Inventory.&lt;M&gt;.&lt;M&gt;Module); everything else is internal.
    /// </summary>
    public static IReadOnlyList<string> PublicSurfaceViolations(TypeScope module, string entryTypeFullName)
    {
        var types = module.Types;
        if (types.Count == 0)
            return [$"No types found in {module.Description}: the rule would test nothing."];

        var violations = new List<string>();
        var entry = types.SingleOrDefault(t => t.FullName == entryTypeFullName);
        if (entry is null || !entry.IsVisible)
            violations.Add($"{module.Description} has no public entry type {entryTypeFullName}.");
        else if (!(entry.IsAbstract && entry.IsSealed))
            violations.Add($"{entryTypeFullName} must be a static class: it only adds and maps the module.");

        violations.AddRange(types
            .Where(t => t.IsVisible && t.FullName != entryTypeFullName)
            .Select(t => $"{t.FullName} is public: only {entryTypeFullName} may be; make it internal (sealed)."));
        return violations;
    }

    /// <summary>
    /// Concrete classes are sealed (static and abstract classes aside). EF Core's generated migrations and model
    /// snapshots (namespaces with a Migrations segment) are left out: the tool writes them unsealed.
    /// </summary>
    public static IReadOnlyList<string> UnsealedClassViolations(TypeScope module)
    {
        var types = module.Types;
        if (types.Count == 0)
            return [$"No types found in {module.Description}: the rule would test nothing."];

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: false })
            .Where(t => !IsGeneratedMigrationCode(t))
            .Select(t => $"{t.FullName} is a concrete class that is not sealed: declare it sealed (or abstract if it is a base).")
            .ToList();
    }

    private static bool IsGeneratedMigrationCode(Type type) =>
        type.Namespace?.Split('.').Contains("Migrations", StringComparer.Ordinal) == true;
}
