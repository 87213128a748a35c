namespace Inventory.Host.Tests.Http;

/// <summary>The checkout the tests run from: the first folder above the test binaries that holds Inventory.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Inventory.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Inventory.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
