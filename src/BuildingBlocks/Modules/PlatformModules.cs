using System.Reflection;
using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.BuildingBlocks.Modules;

/// <summary>The modules the host loads, listed explicitly in <c>Program.cs</c>; collects what they contribute.</summary>
public sealed class PlatformModules
{
    internal PlatformModules(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public IServiceCollection Services { get; }
    public IConfiguration Configuration { get; }

    public IReadOnlyList<ModuleDescriptor> Modules => _modules;
    private readonly List<ModuleDescriptor> _modules = [];

    internal List<Assembly> GraphQLAssemblies { get; } = [];
    internal IntegrationEventTypes EventTypes { get; } = new();
    internal List<Type> Consumers { get; } = [];
    internal List<Type> LiveEventTypes { get; } = [];
    internal List<TenantJobRegistration> Jobs { get; } = [];

    public PlatformModules AddModule(string name, Action<ModuleBuilder> register)
    {
        if (_modules.Any(m => m.Name == name))
            throw new InvalidOperationException($"Module '{name}' is registered twice.");
        var descriptor = new ModuleDescriptor(name);
        _modules.Add(descriptor);
        register(new ModuleBuilder(this, descriptor));
        return this;
    }
}
