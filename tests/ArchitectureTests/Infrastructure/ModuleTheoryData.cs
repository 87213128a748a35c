namespace Inventory.ArchitectureTests.Infrastructure;

/// <summary>Theory rows built from the modules found on disk, so no rule is tied to a hand-kept list.</summary>
public static class ModuleTheoryData
{
    public static TheoryData<string> Modules
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var module in Infrastructure.Modules.All)
                data.Add(module.Name);
            return data;
        }
    }

    /// <summary>Every ordered pair of distinct modules: (the module checked, the module it must not reach into).</summary>
    public static TheoryData<string, string> ModulePairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var module in Infrastructure.Modules.All)
            {
                foreach (var other in Infrastructure.Modules.All.Where(o => o.Name != module.Name))
                    data.Add(module.Name, other.Name);
            }
            return data;
        }
    }
}
