using System.Text.RegularExpressions;

namespace Inventory.Catalog.Domain;

/// <summary>The catalog's input rules, shared by the validators of every use case.</summary>
internal static partial class ProductRules
{
    public const int SkuMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int CategoryMaxLength = 100;
    public const int UnitOfMeasureMaxLength = 32;
    public const int BarcodeMaxLength = 64;
    public const int MaxAttributes = 50;
    public const int AttributeKeyMaxLength = 64;
    public const int AttributeValueMaxLength = 500;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex SkuPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$")]
    public static partial Regex BarcodePattern();

    public static bool IsValidSku(string? sku) => sku is not null && SkuPattern().IsMatch(sku.Trim());
}
