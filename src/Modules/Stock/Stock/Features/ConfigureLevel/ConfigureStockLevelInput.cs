using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.ConfigureLevel;

internal sealed record ConfigureStockLevelInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int? ReorderPoint { get; init; }
    public int? SafetyStock { get; init; }
    public bool? AllowBackorder { get; init; }
}

internal sealed class ConfigureStockLevelInputType : InputObjectGraphType<ConfigureStockLevelInput>
{
    public ConfigureStockLevelInputType()
    {
        Name = "ConfigureStockLevelInput";
        Description = "Settings of one level; fields left out keep their value.";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.ReorderPoint, nullable: true).Description("LOW_STOCK is raised when available falls to this.");
        Field(i => i.SafetyStock, nullable: true).Description("Kept back: never available for reservations.");
        Field(i => i.AllowBackorder, nullable: true).Description("Reservations may then take available below zero.");
    }
}

internal sealed class ConfigureStockLevelValidator : AbstractValidator<ConfigureStockLevelInput>
{
    public ConfigureStockLevelValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.ReorderPoint!.Value).CountQuantity().OverridePropertyName(nameof(ConfigureStockLevelInput.ReorderPoint)).When(i => i.ReorderPoint is not null);
        RuleFor(i => i.SafetyStock!.Value).CountQuantity().OverridePropertyName(nameof(ConfigureStockLevelInput.SafetyStock)).When(i => i.SafetyStock is not null);
    }
}
