namespace Inventory.ArchitectureTests.Infrastructure;

internal static class Violations
{
    /// <summary>Fails with every violation on its own line (Assert.Empty would show only the first few).</summary>
    public static void AssertNone(IReadOnlyList<string> violations)
    {
        if (violations.Count > 0)
            Assert.Fail($"{violations.Count} architecture violation(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations));
    }

    /// <summary>Asserts that a rule run on a fixture reported the expected violation, with every given word in its message.</summary>
    public static void AssertReported(IReadOnlyList<string> violations, params string[] words)
    {
        if (!violations.Any(v => words.All(w => v.Contains(w, StringComparison.Ordinal))))
        {
            Assert.Fail(
                $"Expected a violation mentioning [{string.Join(", ", words)}]; the rule reported:{Environment.NewLine}  " +
                (violations.Count == 0 ? "(nothing)" : string.Join(Environment.NewLine + "  ", violations)));
        }
    }

    public static void AssertNotReported(IReadOnlyList<string> violations, string word)
    {
        var wrong = violations.Where(v => v.Contains(word, StringComparison.Ordinal)).ToList();
        if (wrong.Count > 0)
            Assert.Fail($"Expected no violation mentioning {word}; the rule reported:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", wrong));
    }
}
