using Inventory.ArchitectureTests.Infrastructure;
using static Inventory.ArchitectureTests.Rules.ArchitectureRules;

namespace Inventory.ArchitectureTests;

/// <summary>Rule 3: a module's one public type is its static &lt;M&gt;Module; everything else is internal sealed.</summary>
public sealed class ModuleSurfaceTests
{
    private const string BadModule = "Inventory.ArchitectureTests.Fixtures.BadModule";
    private const string GoodModule = "Inventory.ArchitectureTests.Fixtures.GoodModule";

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_ExposesOnlyItsStaticModuleEntry(string module)
    {
        var m = Modules.Named(module);

        Violations.AssertNone(PublicSurfaceViolations(m.MainScope, m.EntryTypeFullName));
    }

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_ConcreteClassesAreSealed(string module) =>
        Violations.AssertNone(UnsealedClassViolations(Modules.Named(module).MainScope));

    [Fact]
    public void Rule_DetectsPublicTypeBesideTheModuleEntry()
    {
        var violations = PublicSurfaceViolations(TypeScope.Fixture(BadModule), $"{BadModule}.BadModuleModule");

        Violations.AssertReported(violations, $"{BadModule}.StockLedgerWriter is public");
        Violations.AssertNotReported(violations, $"{BadModule}.ReservationSweeper");
    }

    [Fact]
    public void Rule_DetectsNonStaticModuleEntry()
    {
        var violations = PublicSurfaceViolations(TypeScope.Fixture(BadModule), $"{BadModule}.BadModuleModule");

        Violations.AssertReported(violations, $"{BadModule}.BadModuleModule must be a static class");
    }

    [Fact]
    public void Rule_DetectsMissingModuleEntry()
    {
        var violations = PublicSurfaceViolations(TypeScope.Fixture(GoodModule), $"{GoodModule}.ShippingModule");

        Violations.AssertReported(violations, $"has no public entry type {GoodModule}.ShippingModule");
    }

    [Fact]
    public void Rule_DetectsUnsealedConcreteClass()
    {
        var violations = UnsealedClassViolations(TypeScope.Fixture(BadModule));

        Violations.AssertReported(violations, $"{BadModule}.StockLedgerWriter is a concrete class that is not sealed");
        Violations.AssertReported(violations, $"{BadModule}.ReservationSweeper is a concrete class that is not sealed");
        Violations.AssertNotReported(violations, "CatalogPeek");
    }

    [Fact]
    public void Rule_AcceptsStaticEntryInternalSealedTypesAndGeneratedMigrations()
    {
        var scope = TypeScope.Fixture(GoodModule);

        Violations.AssertNone(PublicSurfaceViolations(scope, $"{GoodModule}.GoodModuleModule"));
        Violations.AssertNone(UnsealedClassViolations(scope));
        Assert.Contains(scope.Types, t => t.FullName == $"{GoodModule}.Persistence.Migrations.Initial" && !t.IsSealed);
    }
}
