using System.Text.RegularExpressions;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.Stock.Domain;

internal static partial class WarehouseRules
{
    public const int MaxPriority = 1000;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,31}$")]
    private static partial Regex CodePattern();

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(Normalize(code));

    public static bool IsTimeZone(string? zone) => zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out _);

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 200).WithMessage("Name is required (at most 200 characters).");

    public static IRuleBuilderOptions<T, string?> ValidTimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsTimeZone).WithMessage("Time zone must be an IANA time zone such as Europe/Berlin or UTC.");
}
