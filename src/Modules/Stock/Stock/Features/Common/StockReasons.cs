using Inventory.Stock.Domain;

namespace Inventory.Stock.Features.Common;

/// <summary>The names of ledger reasons and alert kinds in the API's CONSTANT_CASE.</summary>
internal static class StockReasons
{
    public static string Name(StockReason reason) => ConstantCase(reason.ToString());

    public static string AlertName(StockAlertKind kind) => ConstantCase(kind.ToString());

    public static string ConstantCase(string pascal)
    {
        var text = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
                text.Append('_');
            text.Append(char.ToUpperInvariant(pascal[i]));
        }
        return text.ToString();
    }
}
