using Inventory.ArchitectureTests.Infrastructure;

namespace Inventory.ArchitectureTests;

/// <summary>Guards for the data the other rules run on: if discovery breaks, every theory would pass on nothing.</summary>
public sealed class ModuleDiscoveryTests
{
    [Fact]
    public void Discovery_FindsEveryFoundingModule()
    {
        var names = Modules.All.Select(m => m.Name).ToList();

        Assert.NotEmpty(names);
        Assert.Superset(new HashSet<string>(["Catalog", "Stock", "Orders", "Tenants"]), new HashSet<string>(names));
    }

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_HasAMainAndAContractsProject(string module)
    {
        var m = Modules.Named(module);

        Assert.True(File.Exists(m.MainProjectPath), $"{module} has no main project at {m.MainProjectPath}.");
        Assert.True(File.Exists(m.ContractsProjectPath), $"{module} has no Contracts project at {m.ContractsProjectPath}.");
    }

    [Theory]
    [MemberData(nameof(ModuleTheoryData.Modules), MemberType = typeof(ModuleTheoryData))]
    public void Module_AssembliesAreLoadedThroughTheHost(string module)
    {
        var m = Modules.Named(module);

        Assert.Equal(m.MainAssemblyName, m.MainAssembly.GetName().Name);
        Assert.Equal(m.ContractsAssemblyName, m.ContractsAssembly.GetName().Name);
    }
}
