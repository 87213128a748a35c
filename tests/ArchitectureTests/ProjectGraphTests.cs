using Inventory.ArchitectureTests.Infrastructure;
using static Inventory.ArchitectureTests.Rules.ArchitectureRules;

namespace Inventory.ArchitectureTests;

/// <summary>Rule 1: the project graph, read from the .csproj files.</summary>
public sealed class ProjectGraphTests
{
    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_ReferencesOnlyBuildingBlocksAndContracts(string module) =>
        Violations.AssertNone(ModuleProjectReferenceViolations(Modules.Named(module).MainProjectPath));

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Contracts_ReferenceNoProjectButOtherContracts(string module) =>
        Violations.AssertNone(ContractsProjectReferenceViolations(Modules.Named(module).ContractsProjectPath));

    [Fact]
    public void Rule_DetectsModuleReferencingAnotherModule()
    {
        var violations = ModuleProjectReferenceViolations(Repository.FixtureProject("BadModule/BadModule/BadModule.csproj.xml"));

        Violations.AssertReported(violations, "BadModule references Catalog", "another module's main project", "Catalog.Contracts");
    }

    [Fact]
    public void Rule_DetectsModuleReferencingTheHost()
    {
        var violations = ModuleProjectReferenceViolations(Repository.FixtureProject("BadModule/BadModule/BadModule.csproj.xml"));

        Violations.AssertReported(violations, "BadModule references Host", "composition root");
        Assert.Equal(2, violations.Count); // BuildingBlocks and its own Contracts are allowed
    }

    [Fact]
    public void Rule_DetectsContractsReferencingBuildingBlocksOrAModule()
    {
        var violations = ContractsProjectReferenceViolations(Repository.FixtureProject("BadModule/BadModule.Contracts/BadModule.Contracts.csproj.xml"));

        Violations.AssertReported(violations, "BadModule.Contracts references BuildingBlocks");
        Violations.AssertReported(violations, "BadModule.Contracts references Stock");
        Violations.AssertNotReported(violations, "references Catalog.Contracts");
    }

    [Fact]
    public void Rule_AcceptsModuleReferencingBuildingBlocksAndContracts()
    {
        Violations.AssertNone(ModuleProjectReferenceViolations(Repository.FixtureProject("GoodModule/GoodModule/GoodModule.csproj.xml")));
        Violations.AssertNone(ContractsProjectReferenceViolations(Repository.FixtureProject("GoodModule/GoodModule.Contracts/GoodModule.Contracts.csproj.xml")));
    }
}
