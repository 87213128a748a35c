using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.BuildingBlocks.Validation;

/// <summary>
/// Marks an input property whose text may span lines (notes, descriptions, addresses): tab, line feed and carriage
/// return are allowed there. Every other string of an input is single-line.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultilineTextAttribute : Attribute;

/// <summary>
/// The characters free text may hold. NUL is refused everywhere (PostgreSQL cannot store it); control characters
/// are refused except tab and line breaks in multi-line text; bidirectional embedding, override and isolate
/// characters (which make text display in another order than it is stored, e.g. to spoof a SKU or a file name in
/// the UI) are refused everywhere; single-line text also refuses the invisible characters that make two different
/// values look the same (zero-width space, word joiner, byte order mark) and line or paragraph separators.
/// </summary>
public static class TextRules
{
    public const string InvalidCharactersCode = "INVALID_CHARACTERS";

    /// <summary>The first character <paramref name="text"/> may not hold, or null when every one is allowed.</summary>
    public static int? FirstRefused(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                // A pair is one character (an emoji, a rare ideograph); half of one cannot be encoded as UTF-8, so
                // the database driver would fail on it. A GraphQL literal can spell one ("\uD800").
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return c;
            }
            if (IsRefused(c, multiline))
                return c;
        }
        return null;
    }

    /// <summary>Whether the database can store <paramref name="text"/> at all: no NUL, and no half of a surrogate pair.</summary>
    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return false;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return false;
                i++;
            }
        }
        return true;
    }

    public static bool IsRefused(char c, bool multiline) => c switch
    {
        '\t' or '\n' or '\r' => !multiline,
        _ when char.IsControl(c) => true, // C0, DEL and C1, NUL included
        >= '\u202A' and <= '\u202E' => true, // LRE, RLE, PDF, LRO, RLO
        >= '\u2066' and <= '\u2069' => true, // LRI, RLI, FSI, PDI
        '\u200B' or '\u2060' or '\uFEFF' => true, // zero-width space, word joiner, byte order mark
        '\u2028' or '\u2029' => !multiline, // line and paragraph separators
        _ => false,
    };

    public static string Describe(int codePoint) => $"U+{codePoint.ToString("X4", CultureInfo.InvariantCulture)}";

    public static UserError Error(string field, int codePoint) =>
        new(InvalidCharactersCode, $"This text holds a character that is not allowed here ({Describe(codePoint)}).", field);

    /// <summary>
    /// Every string reachable from <paramref name="input"/> (properties, nested inputs, lists, partial-update
    /// values), checked by the rules above; the errors name each offending field as <c>input.lines[0].note</c>.
    /// </summary>
    public static IReadOnlyList<UserError> Check(object? input, string argument = "input")
    {
        var errors = new List<UserError>();
        Walk(input, argument, multiline: false, errors, depth: 0);
        return errors;
    }

    private static void Walk(object? value, string path, bool multiline, List<UserError> errors, int depth)
    {
        if (value is null || depth > 16)
            return;
        switch (value)
        {
            case string text:
                if (FirstRefused(text, multiline) is { } refused)
                    errors.Add(Error(path, refused));
                return;
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    if (FirstRefused(key, multiline: false) is { } refusedKey)
                        errors.Add(Error($"{path}.{key}", refusedKey));
                    Walk(item, $"{path}.{key}", multiline, errors, depth + 1);
                }
                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                    Walk(item, $"{path}[{index++}]", multiline, errors, depth + 1);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            return;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Patch<>))
        {
            if ((bool)type.GetProperty(nameof(Patch<int>.IsSet))!.GetValue(value)!)
                Walk(type.GetProperty(nameof(Patch<int>.Value))!.GetValue(value), path, multiline, errors, depth + 1);
            return;
        }
        foreach (var property in PropertiesOf(type))
            Walk(property.Info.GetValue(value), $"{path}.{property.Name}", property.Multiline, errors, depth + 1);
    }

    private sealed record InputProperty(PropertyInfo Info, string Name, bool Multiline);

    private static readonly ConcurrentDictionary<Type, InputProperty[]> Properties = new();

    private static InputProperty[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !p.GetMethod!.IsStatic)
        .Select(p => new InputProperty(p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p.GetCustomAttribute<MultilineTextAttribute>() is not null))
        .ToArray());
}
