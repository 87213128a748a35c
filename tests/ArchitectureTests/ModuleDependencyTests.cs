using Inventory.ArchitectureTests.Fixtures.BadContracts.Messages;
using Inventory.ArchitectureTests.Fixtures.BadModule;
using Inventory.ArchitectureTests.Infrastructure;
using static Inventory.ArchitectureTests.Rules.ArchitectureRules;

namespace Inventory.ArchitectureTests;

/// <summary>Rule 4: a module reaches another only through its Contracts, checked with NetArchTest for every pair.</summary>
public sealed class ModuleDependencyTests
{
    private const string BadModule = "Inventory.ArchitectureTests.Fixtures.BadModule";
    private const string GoodModule = "Inventory.ArchitectureTests.Fixtures.GoodModule";

    [Theory]
    [MemberData(nameof(ModuleTheoryData.ModulePairs), MemberType = typeof(ModuleTheoryData))]
    public void Module_DoesNotDependOnAnotherModulesInternals(string module, string other) =>
        Violations.AssertNone(ModuleDependencyViolations(Modules.Named(module).MainScope, Modules.Named(other).MainScope));

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_TypesLiveInTheModuleNamespace(string module)
    {
        var m = Modules.Named(module);

        Violations.AssertNone(TypesOutsideNamespaceViolations(m.MainScope.Types, m.RootNamespace));
        Violations.AssertNone(TypesOutsideNamespaceViolations(m.ContractsScope.Types, $"{m.RootNamespace}.Contracts"));
    }

    [Fact]
    public void Rule_DetectsDependencyOnAnotherModulesInternals()
    {
        var violations = ModuleDependencyViolations(TypeScope.Fixture(BadModule), TypeScope.Fixture(GoodModule));

        Violations.AssertReported(violations, $"{BadModule}.GoodModulePeek depends on", $"{GoodModule}.Persistence");
        Violations.AssertReported(violations, $"{BadModule}.GoodModulePeek depends on", $"{GoodModule}.GoodModuleModule");
        Violations.AssertNotReported(violations, "ShipmentListener");
    }

    [Fact]
    public void Rule_DetectsDependencyOnARealModulesMainAssembly()
    {
        var violations = ModuleDependencyViolations(TypeScope.Fixture(BadModule), Modules.Named("Catalog").MainScope);

        Violations.AssertReported(violations, $"{BadModule}.CatalogPeek depends on Inventory.Catalog.CatalogModule");
    }

    [Fact]
    public void Rule_AllowsDependencyOnAnotherModulesContracts()
    {
        // GoodModule consumes Catalog's ProductCreated: Inventory.Catalog.Contracts is not Catalog's internals.
        Violations.AssertNone(ModuleDependencyViolations(TypeScope.Fixture(GoodModule), Modules.Named("Catalog").MainScope));
        Assert.DoesNotContain(InternalNamesOf(Modules.Named("Catalog").MainScope), n => n.StartsWith("Inventory.Catalog.Contracts", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_DetectsTypeOutsideTheModuleNamespace()
    {
        var violations = TypesOutsideNamespaceViolations([typeof(StockLedgerWriter), typeof(StockCounted)], BadModule);

        Violations.AssertReported(violations, $"{typeof(StockCounted).FullName} is declared outside {BadModule}");
        Violations.AssertNotReported(violations, nameof(StockLedgerWriter));
    }
}
