using Inventory.Catalog.Contracts.IntegrationEvents;
using MassTransit;

// A well-formed module: every rule must accept it (so the rules are not stricter than the architecture).
namespace Inventory.ArchitectureTests.Fixtures.GoodModule;

public static class GoodModuleModule
{
    public const string Name = "GoodModule";
}

/// <summary>Consumes another module's integration event through its Contracts only.</summary>
internal sealed class ProductCreatedConsumer : IConsumer<ProductCreated>
{
    public Task Consume(ConsumeContext<ProductCreated> context) => Task.CompletedTask;
}

internal abstract class ShipmentRule;

internal sealed class ShipmentWeightRule : ShipmentRule;
