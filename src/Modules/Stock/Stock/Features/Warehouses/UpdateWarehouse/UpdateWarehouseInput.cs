using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;

namespace Inventory.Stock.Features.Warehouses.UpdateWarehouse;

internal sealed class UpdateWarehouseInput
{
    public string Code { get; init; } = "";
    public Patch<string?> Name { get; init; }
    [MultilineText]
    public Patch<string?> Address { get; init; }
    public Patch<string?> TimeZone { get; init; }
    public Patch<int?> Priority { get; init; }

    public static UpdateWarehouseInput From(IDictionary<string, object?> input) => new()
    {
        Code = input.TryGetValue("code", out var code) ? code as string ?? "" : "",
        Name = Patch<string?>.From(input, "name", v => v as string),
        Address = Patch<string?>.From(input, "address", v => v as string),
        TimeZone = Patch<string?>.From(input, "timeZone", v => v as string),
        Priority = Patch<int?>.From(input, "priority", v => v as int?),
    };
}

internal sealed class UpdateWarehouseInputType : InputObjectGraphType
{
    public UpdateWarehouseInputType()
    {
        Name = "UpdateWarehouseInput";
        Description = "Names the warehouse by `code` (which never changes). Fields left out keep their value; `address` sent as null is cleared.";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<StringGraphType>("name");
        Field<StringGraphType>("address");
        Field<StringGraphType>("timeZone");
        Field<IntGraphType>("priority");
    }
}

internal sealed class UpdateWarehouseValidator : AbstractValidator<UpdateWarehouseInput>
{
    public UpdateWarehouseValidator()
    {
        RuleFor(i => i.Name.Value).ValidName().When(i => i.Name.IsSet).OverridePropertyName("name");
        RuleFor(i => i.Address.Value).MaximumLength(500).When(i => i.Address.IsSet).OverridePropertyName("address");
        RuleFor(i => i.TimeZone.Value).ValidTimeZone().When(i => i.TimeZone.IsSet).OverridePropertyName("timeZone");
        RuleFor(i => i.Priority.Value).NotNull().InclusiveBetween(0, WarehouseRules.MaxPriority).When(i => i.Priority.IsSet).OverridePropertyName("priority");
    }
}
