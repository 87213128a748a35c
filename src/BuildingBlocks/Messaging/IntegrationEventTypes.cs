using System.Reflection;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// The integration events the platform knows, by the type name stored in the outbox. Events are the public
/// types of a Contracts assembly in a namespace ending with <c>.IntegrationEvents</c>.
/// </summary>
public sealed class IntegrationEventTypes
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Type> All => _byName.Values;

    public static IEnumerable<Type> DeclaredIn(Assembly contracts) =>
        contracts.GetExportedTypes().Where(t =>
            t is { IsClass: true, IsAbstract: false } &&
            t.Namespace?.EndsWith(".IntegrationEvents", StringComparison.Ordinal) == true);

    internal void Add(Type type) => _byName[type.FullName!] = type;

    public Type? Find(string typeName) => _byName.GetValueOrDefault(typeName);
}
