using System.Diagnostics;
using System.Text;

namespace Inventory.Host.Tests.Http;

/// <summary>The npm-based scripts of tests/audit (the graphql-http audit, the graphql-ws subscriber), run with node.</summary>
internal static class NodeScripts
{
    public static string Folder { get; } = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "audit");

    public static ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }
}
