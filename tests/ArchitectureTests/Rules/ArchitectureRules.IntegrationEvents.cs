using Inventory.ArchitectureTests.Infrastructure;

namespace Inventory.ArchitectureTests.Rules;

internal static partial class ArchitectureRules
{
    public const string IntegrationEventsNamespaceSuffix = ".IntegrationEvents";

    /// <summary>
    /// The classes of a Contracts scope in a ".IntegrationEvents" namespace (the platform's definition of an
    /// integration event: see BuildingBlocks' IntegrationEventTypes).
    /// </summary>
    public static IReadOnlyList<Type> IntegrationEventsIn(TypeScope contracts) =>
        contracts.Types.Where(t => t.IsClass && IsIntegrationEventsNamespace(t.Namespace)).ToList();

    /// <summary>
    /// Every integration event is a public, sealed, concrete class or record: the platform registers only public
    /// concrete classes, so an internal one is silently never published or consumed.
    /// </summary>
    public static IReadOnlyList<string> IntegrationEventDeclarationViolations(TypeScope contracts)
    {
        var violations = new List<string>();
        foreach (var type in IntegrationEventsIn(contracts))
        {
            if (!type.IsVisible)
                violations.Add($"{type.FullName} is an integration event that is not public: the platform would never register it.");
            if (type.IsAbstract)
                violations.Add($"{type.FullName} is abstract: an integration event is a concrete sealed record or class.");
            else if (!type.IsSealed)
                violations.Add($"{type.FullName} is an integration event that is not sealed: events are sealed records or classes.");
        }
        return violations;
    }

    /// <summary>The message types consumed by the scope's MassTransit consumers (closed IConsumer&lt;T&gt;).</summary>
    public static IReadOnlyList<(Type Consumer, Type Message)> ConsumedMessages(TypeScope module) =>
        module.Types
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "MassTransit.IConsumer`1")
                .Select(i => (Consumer: t, Message: i.GetGenericArguments()[0])))
            .Where(c => !c.Message.IsGenericParameter)
            .ToList();

    /// <summary>
    /// What a module consumes is an integration event: declared in a Contracts assembly, in a ".IntegrationEvents"
    /// namespace, public and sealed.
    /// </summary>
    public static IReadOnlyList<string> ConsumedMessageViolations(TypeScope module)
    {
        var violations = new List<string>();
        foreach (var (consumer, message) in ConsumedMessages(module))
        {
            var assembly = message.Assembly.GetName().Name ?? "";
            var where = $"{message.FullName} (consumed by {consumer.FullName})";
            if (!(assembly.StartsWith("Inventory.", StringComparison.Ordinal) && assembly.EndsWith(".Contracts", StringComparison.Ordinal)))
                violations.Add($"{where} is declared in {assembly}: modules exchange only integration events declared in a .Contracts assembly.");
            if (!IsIntegrationEventsNamespace(message.Namespace))
                violations.Add($"{where} is in namespace {message.Namespace}: integration events live in a namespace ending with {IntegrationEventsNamespaceSuffix}.");
            if (!message.IsVisible)
                violations.Add($"{where} is not public: the platform registers only public integration events.");
            if (!message.IsSealed)
                violations.Add($"{where} is not sealed: integration events are sealed records or classes.");
        }
        return violations;
    }

    private static bool IsIntegrationEventsNamespace(string? @namespace) =>
        @namespace?.EndsWith(IntegrationEventsNamespaceSuffix, StringComparison.Ordinal) == true;
}
