using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Inventory.ArchitectureTests.Infrastructure;

/// <summary>
/// The types a rule looks at. For a real module it is its whole assembly (a type declared outside the module's
/// namespace must not escape the rules). For a fixture it is one namespace of this test assembly, whose root
/// namespace then plays the part of Inventory.&lt;M&gt;; its ".Contracts" sub-namespace stands for the separate
/// Contracts assembly and is left out, as it would be from a module's main assembly.
/// </summary>
internal sealed record TypeScope(Assembly Assembly, string RootNamespace, bool WholeAssembly)
{
    public static TypeScope Module(Assembly assembly) => new(assembly, assembly.GetName().Name!, WholeAssembly: true);

    public static TypeScope Fixture(string @namespace) => new(typeof(TypeScope).Assembly, @namespace, WholeAssembly: false);

    public string Description => WholeAssembly ? $"assembly {Assembly.GetName().Name}" : $"namespace {RootNamespace}";

    /// <summary>The types written by hand: what the compiler generates (closures, state machines, embedded attributes) is left out.</summary>
    public IReadOnlyList<Type> Types =>
        Assembly.GetTypes()
            .Where(t => WholeAssembly || (IsInNamespace(t.Namespace, RootNamespace) && !IsInNamespace(t.Namespace, RootNamespace + ".Contracts")))
            .Where(t => !IsGenerated(t))
            .ToList();

    /// <summary>The same scope for NetArchTest.</summary>
    public Conditions ShouldNot() =>
        WholeAssembly
            ? NetArchTest.Rules.Types.InAssembly(Assembly).ShouldNot()
            : NetArchTest.Rules.Types.InAssembly(Assembly).That().ResideInNamespaceMatching(FixturePattern).ShouldNot();

    public int NetArchTestTypeCount =>
        WholeAssembly
            ? NetArchTest.Rules.Types.InAssembly(Assembly).GetTypes().Count()
            : NetArchTest.Rules.Types.InAssembly(Assembly).That().ResideInNamespaceMatching(FixturePattern).GetTypes().Count();

    /// <summary>The root namespace and its sub-namespaces, except ".Contracts" (see the summary of this type).</summary>
    private string FixturePattern => $"^{Regex.Escape(RootNamespace)}(\\.(?!Contracts(\\.|$)).*)?$";

    /// <summary>True when <paramref name="namespace"/> is <paramref name="root"/> or one of its sub-namespaces (by segment, not by prefix).</summary>
    public static bool IsInNamespace(string? @namespace, string root) =>
        @namespace is not null && (@namespace == root || @namespace.StartsWith(root + ".", StringComparison.Ordinal));

    public static bool IsGenerated(Type type) =>
        type.Name.StartsWith('<') ||
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) ||
        type.IsDefined(typeof(GeneratedCodeAttribute), inherit: false) ||
        (type.DeclaringType is { } declaring && IsGenerated(declaring));
}
