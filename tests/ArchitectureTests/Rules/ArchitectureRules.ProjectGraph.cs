using System.Xml.Linq;

namespace Inventory.ArchitectureTests.Rules;

internal static partial class ArchitectureRules
{
    /// <summary>
    /// A module's main project references only BuildingBlocks and .Contracts projects (its own or another module's):
    /// never another module's main project, never the Host.
    /// </summary>
    public static IReadOnlyList<string> ModuleProjectReferenceViolations(string csprojPath)
    {
        if (!File.Exists(csprojPath))
            return [$"{csprojPath} does not exist."];

        var project = ProjectName(csprojPath);
        var violations = new List<string>();
        foreach (var reference in ProjectReferences(csprojPath))
        {
            var problem = Classify(reference) switch
            {
                ReferencedProject.BuildingBlocks or ReferencedProject.Contracts => null,
                ReferencedProject.Host =>
                    "the Host is the composition root; a module never depends on it",
                ReferencedProject.ModuleMain =>
                    $"that is another module's main project; reference {ProjectName(reference)}.Contracts and talk through integration events",
                _ => "a module may reference only BuildingBlocks and .Contracts projects",
            };
            if (problem is not null)
                violations.Add($"{project} references {ProjectName(reference)} ({reference}): {problem}.");
        }
        return violations;
    }

    /// <summary>A Contracts project references no project at all, except other Contracts projects.</summary>
    public static IReadOnlyList<string> ContractsProjectReferenceViolations(string csprojPath)
    {
        if (!File.Exists(csprojPath))
            return [$"{csprojPath} does not exist."];

        var project = ProjectName(csprojPath);
        return ProjectReferences(csprojPath)
            .Where(reference => Classify(reference) != ReferencedProject.Contracts)
            .Select(reference =>
                $"{project} references {ProjectName(reference)} ({reference}): a Contracts project may reference only other .Contracts projects.")
            .ToList();
    }

    private enum ReferencedProject
    {
        BuildingBlocks,
        Contracts,
        Host,
        ModuleMain,
        Other,
    }

    private static ReferencedProject Classify(string reference)
    {
        var segments = NormalizePath(reference).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = ProjectName(reference);
        var folder = segments.Length >= 2 ? segments[^2] : "";
        if (name == "BuildingBlocks")
            return ReferencedProject.BuildingBlocks;
        if (name.EndsWith(".Contracts", StringComparison.Ordinal))
            return ReferencedProject.Contracts;
        if (name == "Host")
            return ReferencedProject.Host;
        // src/Modules/<M>/<M>/<M>.csproj: a module's main project lives in a folder named like the project.
        if (folder == name)
            return ReferencedProject.ModuleMain;
        return ReferencedProject.Other;
    }

    /// <summary>The Include of every ProjectReference, as written (several may share one Include, separated by ';').</summary>
    internal static IReadOnlyList<string> ProjectReferences(string csprojPath) =>
        ItemIncludes(csprojPath, "ProjectReference");

    internal static IReadOnlyList<string> PackageReferences(string csprojPath) =>
        ItemIncludes(csprojPath, "PackageReference", alsoUpdate: true);

    private static List<string> ItemIncludes(string csprojPath, string itemType, bool alsoUpdate = false) =>
        XDocument.Load(csprojPath)
            .Descendants()
            .Where(e => e.Name.LocalName == itemType)
            .SelectMany(e => new[] { (string?)e.Attribute("Include"), alsoUpdate ? (string?)e.Attribute("Update") : null })
            .OfType<string>()
            .SelectMany(include => include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    private static string NormalizePath(string path) => path.Replace('\\', '/');

    /// <summary>"../Stock/Stock.csproj" gives "Stock"; a fixture "BadModule.csproj.xml" gives "BadModule".</summary>
    private static string ProjectName(string path)
    {
        var file = NormalizePath(path).Split('/')[^1];
        foreach (var extension in new[] { ".xml", ".csproj" })
        {
            if (file.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                file = file[..^extension.Length];
        }
        return file;
    }
}
