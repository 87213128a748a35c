using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;

namespace Inventory.Stock.Features.Warehouses.CreateWarehouse;

internal sealed record CreateWarehouseInput
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    [MultilineText]
    public string? Address { get; init; }
    public string? TimeZone { get; init; }
    public int? Priority { get; init; }
}

internal sealed class CreateWarehouseInputType : InputObjectGraphType<CreateWarehouseInput>
{
    public CreateWarehouseInputType()
    {
        Name = "CreateWarehouseInput";
        Field(i => i.Code).Description("1-32 of letters, digits, '-' and '_', starting with a letter or digit; stored upper case.");
        Field(i => i.Name);
        Field(i => i.Address, nullable: true);
        Field(i => i.TimeZone, nullable: true).Description("IANA time zone; defaults to UTC.");
        Field(i => i.Priority, nullable: true).Description($"0-{WarehouseRules.MaxPriority}, lower first; defaults to 100.");
    }
}

internal sealed class CreateWarehouseValidator : AbstractValidator<CreateWarehouseInput>
{
    public CreateWarehouseValidator()
    {
        RuleFor(i => i.Code).Must(WarehouseRules.IsValidCode).WithErrorCode(StockErrors.InvalidWarehouseCode)
            .WithMessage("Code must be 1-32 letters, digits, '-' or '_', starting with a letter or digit.");
        RuleFor(i => i.Name).ValidName();
        RuleFor(i => i.Address).MaximumLength(500);
        RuleFor(i => i.TimeZone).ValidTimeZone().When(i => i.TimeZone is not null);
        RuleFor(i => i.Priority).InclusiveBetween(0, WarehouseRules.MaxPriority).When(i => i.Priority is not null);
    }
}
