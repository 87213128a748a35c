using Inventory.ArchitectureTests.Infrastructure;
using static Inventory.ArchitectureTests.Rules.ArchitectureRules;

namespace Inventory.ArchitectureTests;

/// <summary>Rule 5: integration events live in ".IntegrationEvents" namespaces of Contracts and are public sealed records or classes.</summary>
public sealed class IntegrationEventTests
{
    private const string BadContracts = "Inventory.ArchitectureTests.Fixtures.BadContracts";
    private const string BadModule = "Inventory.ArchitectureTests.Fixtures.BadModule";
    private const string GoodModule = "Inventory.ArchitectureTests.Fixtures.GoodModule";

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Contracts_IntegrationEventsArePublicSealedRecordsOrClasses(string module) =>
        Violations.AssertNone(IntegrationEventDeclarationViolations(Modules.Named(module).ContractsScope));

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_ConsumesOnlyIntegrationEventsFromContracts(string module) =>
        Violations.AssertNone(ConsumedMessageViolations(Modules.Named(module).MainScope));

    [Fact]
    public void IntegrationEventRules_HaveEventsAndConsumersToCheck()
    {
        // The two theories above pass vacuously for a module without events or consumers; across all modules they must not.
        Assert.NotEmpty(Modules.All.SelectMany(m => IntegrationEventsIn(m.ContractsScope)));
        Assert.NotEmpty(Modules.All.SelectMany(m => ConsumedMessages(m.MainScope)));
    }

    [Fact]
    public void Rule_DetectsUnsealedAbstractOrInternalIntegrationEvent()
    {
        var violations = IntegrationEventDeclarationViolations(TypeScope.Fixture(BadContracts));

        Violations.AssertReported(violations, $"{BadContracts}.IntegrationEvents.ProductRepriced is an integration event that is not sealed");
        Violations.AssertReported(violations, $"{BadContracts}.IntegrationEvents.ProductEvent is abstract");
        Violations.AssertReported(violations, $"{BadContracts}.IntegrationEvents.ProductArchived is an integration event that is not public");
        Violations.AssertNotReported(violations, "StockCounted"); // outside .IntegrationEvents: caught where it is consumed
    }

    [Fact]
    public void Rule_DetectsConsumedMessageOutsideIntegrationEventsOrContracts()
    {
        var violations = ConsumedMessageViolations(TypeScope.Fixture(BadModule));

        Violations.AssertReported(violations, $"{BadContracts}.Messages.StockCounted", "namespace ending with .IntegrationEvents");
        Violations.AssertReported(violations, $"{BadContracts}.Messages.StockCounted", "declared in Inventory.ArchitectureTests", ".Contracts assembly");
        Violations.AssertReported(violations, $"{BadContracts}.IntegrationEvents.ProductRepriced", "is not sealed");
    }

    [Fact]
    public void Rule_AcceptsConsumerOfAnotherModulesIntegrationEvent()
    {
        var scope = TypeScope.Fixture(GoodModule);

        Assert.NotEmpty(ConsumedMessages(scope));
        Violations.AssertNone(ConsumedMessageViolations(scope));
        Violations.AssertNone(IntegrationEventDeclarationViolations(TypeScope.Fixture($"{GoodModule}.Contracts")));
        Assert.NotEmpty(IntegrationEventsIn(TypeScope.Fixture($"{GoodModule}.Contracts")));
    }
}
