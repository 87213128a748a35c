using Inventory.ArchitectureTests.Infrastructure;
using static Inventory.ArchitectureTests.Rules.ArchitectureRules;

namespace Inventory.ArchitectureTests;

/// <summary>Rule 2: Contracts carry integration events and read interfaces only: no EF Core, no MassTransit, no platform.</summary>
public sealed class ContractsPurityTests
{
    private const string BadContracts = "Inventory.ArchitectureTests.Fixtures.BadContracts";

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Contracts_HaveNoEfCoreOrMassTransitPackage(string module) =>
        Violations.AssertNone(ContractsPackageReferenceViolations(Modules.Named(module).ContractsProjectPath));

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Contracts_TypesDoNotDependOnEfCoreMassTransitOrBuildingBlocks(string module) =>
        Violations.AssertNone(ContractsTypeDependencyViolations(Modules.Named(module).ContractsScope));

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Contracts_AssemblyReferencesNoEfCoreMassTransitOrPlatformAssembly(string module) =>
        Violations.AssertNone(ContractsAssemblyReferenceViolations(Modules.Named(module).ContractsAssembly));

    [Fact]
    public void Rule_DetectsEfCoreAndMassTransitPackagesInContracts()
    {
        var violations = ContractsPackageReferenceViolations(Repository.FixtureProject("BadModule/BadModule.Contracts/BadModule.Contracts.csproj.xml"));

        Violations.AssertReported(violations, "PackageReference to Microsoft.EntityFrameworkCore");
        Violations.AssertReported(violations, "PackageReference to Npgsql.EntityFrameworkCore.PostgreSQL");
        Violations.AssertReported(violations, "PackageReference to MassTransit.Abstractions");
        Violations.AssertNotReported(violations, "System.Text.Json");
        Violations.AssertNone(ContractsPackageReferenceViolations(Repository.FixtureProject("GoodModule/GoodModule.Contracts/GoodModule.Contracts.csproj.xml")));
    }

    [Fact]
    public void Rule_DetectsContractsTypesDependingOnEfCoreMassTransitOrBuildingBlocks()
    {
        var violations = ContractsTypeDependencyViolations(TypeScope.Fixture(BadContracts));

        Violations.AssertReported(violations, $"{BadContracts}.LeakyCatalogContext", "depends on Microsoft.EntityFrameworkCore");
        Violations.AssertReported(violations, $"{BadContracts}.StockSnapshot", "depends on MassTransit");
        Violations.AssertReported(violations, $"{BadContracts}.TenantDirectoryEntry", "depends on Inventory.BuildingBlocks");
    }

    [Fact]
    public void Rule_DetectsContractsAssemblyReferencingEfCoreMassTransitOrBuildingBlocks()
    {
        // This test assembly is a compiled "Contracts" that gets all of it wrong, through the fixtures above.
        var violations = ContractsAssemblyReferenceViolations(typeof(ContractsPurityTests).Assembly);

        Violations.AssertReported(violations, "references assembly Microsoft.EntityFrameworkCore");
        Violations.AssertReported(violations, "references assembly MassTransit");
        Violations.AssertReported(violations, "references assembly Inventory.BuildingBlocks");
        Violations.AssertReported(violations, "references assembly Inventory.Catalog");
        Violations.AssertNotReported(violations, "Inventory.Catalog.Contracts");
    }
}
