using System.Reflection;

namespace Inventory.ArchitectureTests.Infrastructure;

/// <summary>
/// A module as the repository lays it out: src/Modules/&lt;M&gt;/&lt;M&gt;/&lt;M&gt;.csproj (assembly Inventory.&lt;M&gt;)
/// and src/Modules/&lt;M&gt;/&lt;M&gt;.Contracts/&lt;M&gt;.Contracts.csproj (assembly Inventory.&lt;M&gt;.Contracts).
/// </summary>
internal sealed record Module(string Name, string Directory)
{
    public string RootNamespace => $"Inventory.{Name}";

    public string MainProjectPath => Path.Combine(Directory, Name, $"{Name}.csproj");

    public string ContractsProjectPath => Path.Combine(Directory, $"{Name}.Contracts", $"{Name}.Contracts.csproj");

    public string MainAssemblyName => $"Inventory.{Name}";

    public string ContractsAssemblyName => $"Inventory.{Name}.Contracts";

    public string EntryTypeFullName => $"{RootNamespace}.{Name}Module";

    public Assembly MainAssembly => Load(MainAssemblyName);

    public Assembly ContractsAssembly => Load(ContractsAssemblyName);

    public TypeScope MainScope => TypeScope.Module(MainAssembly);

    public TypeScope ContractsScope => TypeScope.Module(ContractsAssembly);

    private static Assembly Load(string assemblyName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"Assembly {assemblyName} is not in the test output: the Host must reference every module (src/Host/Host.csproj).", e);
        }
    }
}

/// <summary>Every module found under src/Modules: a new folder there is covered by every rule without touching the tests.</summary>
internal static class Modules
{
    private static readonly Lazy<IReadOnlyList<Module>> LazyAll = new(Discover);

    public static IReadOnlyList<Module> All => LazyAll.Value;

    public static Module Named(string name) =>
        All.SingleOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No module {name} under src/Modules.", nameof(name));

    private static IReadOnlyList<Module> Discover()
    {
        var modulesDirectory = Repository.PathTo("src", "Modules");
        if (!System.IO.Directory.Exists(modulesDirectory))
            return [];
        return System.IO.Directory.GetDirectories(modulesDirectory)
            .Select(d => new Module(Path.GetFileName(d), d))
            .Where(m => !m.Name.StartsWith('.'))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }
}
