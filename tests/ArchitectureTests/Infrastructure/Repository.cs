namespace Inventory.ArchitectureTests.Infrastructure;

/// <summary>The repository the tests were built from, found by walking up from the test output to Inventory.sln.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathTo(params string[] segments) => Path.Combine([Root, .. segments]);

    public static string FixtureProject(string relativePath) =>
        PathTo(["tests", "ArchitectureTests", "Fixtures", "Projects", .. relativePath.Split('/')]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Inventory.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException(
            $"No Inventory.sln in {AppContext.BaseDirectory} or any parent: the architecture tests read the source tree and must run from its build output.");
    }
}
