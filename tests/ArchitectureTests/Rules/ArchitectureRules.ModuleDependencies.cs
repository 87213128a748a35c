using Inventory.ArchitectureTests.Infrastructure;

namespace Inventory.ArchitectureTests.Rules;

internal static partial class ArchitectureRules
{
    /// <summary>
    /// No type of <paramref name="module"/> depends on <paramref name="other"/>'s internals: its root namespace
    /// Inventory.&lt;Other&gt; and every sub-namespace except Inventory.&lt;Other&gt;.Contracts.
    /// </summary>
    public static IReadOnlyList<string> ModuleDependencyViolations(TypeScope module, TypeScope other)
    {
        if (module.NetArchTestTypeCount == 0)
            return [$"NetArchTest found no types in {module.Description}: the rule would test nothing."];

        var forbidden = InternalNamesOf(other);
        if (forbidden.Count == 0)
            return [$"No types found in {other.Description}: the rule would test nothing."];

        var result = module.ShouldNot().HaveDependencyOnAny([.. forbidden]).GetResult();
        if (result.IsSuccessful)
            return [];

        return forbidden
            .SelectMany(name => (module.ShouldNot().HaveDependencyOn(name).GetResult().FailingTypeNames ?? [])
                .Select(type => (type, name)))
            .GroupBy(failure => failure.type, failure => failure.name)
            .Select(g => $"{g.Key} depends on {string.Join(", ", g)}, inside {other.RootNamespace}: " +
                $"use {other.RootNamespace}.Contracts (integration events, read interfaces) instead.")
            .ToList();
    }

    /// <summary>
    /// The names NetArchTest should look for. Its match is by prefix, so "Inventory.Catalog" would also catch the allowed
    /// Inventory.Catalog.Contracts: hence every sub-namespace of the module by name, and the types of the root namespace one by one.
    /// </summary>
    internal static IReadOnlyList<string> InternalNamesOf(TypeScope module)
    {
        var root = module.RootNamespace;
        var contracts = root + ".Contracts";
        var types = module.Types.Where(t => t.DeclaringType is null && TypeScope.IsInNamespace(t.Namespace, root)).ToList();
        var subNamespaces = types
            .Select(t => t.Namespace!)
            .Where(ns => ns != root && !TypeScope.IsInNamespace(ns, contracts))
            .Select(ns => root + "." + ns[(root.Length + 1)..].Split('.')[0]);
        var rootTypes = types.Where(t => t.Namespace == root).Select(t => t.FullName!);
        return subNamespaces.Concat(rootTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every type of a module lives in its namespace, so the namespace rules above see all of it.</summary>
    public static IReadOnlyList<string> TypesOutsideNamespaceViolations(IEnumerable<Type> types, string rootNamespace)
    {
        var list = types.ToList();
        if (list.Count == 0)
            return [$"No types to check against {rootNamespace}: the rule would test nothing."];

        return list
            .Where(t => !TypeScope.IsInNamespace(t.Namespace, rootNamespace))
            .Select(t => $"{t.FullName} is declared outside {rootNamespace}: a module's types live in its own namespace.")
            .ToList();
    }
}
