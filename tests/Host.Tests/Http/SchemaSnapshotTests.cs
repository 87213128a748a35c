using GraphQL;
using Inventory.BuildingBlocks.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Http;

/// <summary>
/// The schema is part of the public contract (see api.md): the committed <c>schema.graphql</c> at the repository
/// root must be exactly what the host serves, so every change to it shows up in review as a diff of that file.
/// <para>
/// To accept a change, run this test with <c>UPDATE_SCHEMA=1</c>: it rewrites <c>schema.graphql</c> and still fails
/// once ("updated, review and commit"), so that a run with the variable set by mistake never passes silently;
/// the next run without it passes.
/// </para>
/// </summary>
public sealed class SchemaSnapshotTests(HostFixture fixture) : HostTest(fixture)
{
    private const string UpdateVariable = "UPDATE_SCHEMA";

    [Fact]
    public async Task PrintedSchema_MatchesTheCommittedSchemaGraphql()
    {
        var path = Path.Combine(RepositoryRoot.Path, "schema.graphql");
        var printed = Normalize(App.Services.GetRequiredService<InventorySchema>().Print());
        var committed = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : null;

        if (committed == printed)
            return;

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, printed);
            Assert.Fail($"{path} was updated from the running schema. Review `git diff schema.graphql`, commit it, and run the tests again without {UpdateVariable}.");
        }

        Assert.Fail(
            (committed is null ? $"{path} does not exist." : $"The schema differs from {path} {FirstDifference(committed, printed)}.") +
            $" If the change is intended, regenerate the file: {UpdateVariable}=1 dotnet test tests/Host.Tests --filter FullyQualifiedName~SchemaSnapshotTests" +
            " (then review and commit schema.graphql).");
    }

    /// <summary>LF line endings, no trailing spaces, exactly one final newline.</summary>
    private static string Normalize(string sdl) =>
        string.Join('\n', sdl.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
                return $"from line {i + 1}:\n  committed: {e}\n  printed:   {a}\n";
        }
        return "";
    }
}
