using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Warehouses;

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

/// <summary>Warehouses of the tenant: create, update, deactivate (never delete: the ledger refers to them).</summary>
internal sealed class WarehouseHandlers(
    ModuleDbContextFactory<StockDbContext> contexts,
    IValidator<CreateWarehouseInput> createValidator,
    IValidator<UpdateWarehouseInput> updateValidator,
    TimeProvider time)
{
    public async Task<WarehousePayload> CreateAsync(CreateWarehouseInput input, CancellationToken cancellationToken)
    {
        var errors = await createValidator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WarehousePayload.Fail(errors);

        var code = WarehouseRules.Normalize(input.Code);
        await using var db = contexts.Create();
        if (await db.Warehouses.AnyAsync(w => w.Code == code, cancellationToken))
            return WarehousePayload.Fail(StockErrors.WarehouseCodeTaken(code));

        var warehouse = Warehouse.Create(code, input.Name.Trim(), time.GetUtcNow().UtcDateTime);
        warehouse.Address = input.Address?.Trim();
        warehouse.TimeZone = input.TimeZone?.Trim() ?? "UTC";
        warehouse.Priority = input.Priority ?? 100;
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return WarehousePayload.Fail(StockErrors.WarehouseCodeTaken(code));
        }
        return WarehousePayload.Ok(warehouse);
    }

    public async Task<WarehousePayload> UpdateAsync(UpdateWarehouseInput input, CancellationToken cancellationToken)
    {
        var errors = await updateValidator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WarehousePayload.Fail(errors);

        await using var db = contexts.Create();
        var code = WarehouseRules.Normalize(input.Code);
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Code == code, cancellationToken);
        if (warehouse is null)
            return WarehousePayload.Fail(StockErrors.WarehouseNotFound("input.code"));

        if (input.Name.IsSet) warehouse.Name = input.Name.Value!.Trim();
        if (input.Address.IsSet) warehouse.Address = input.Address.Value?.Trim();
        if (input.TimeZone.IsSet) warehouse.TimeZone = input.TimeZone.Value!.Trim();
        if (input.Priority.IsSet) warehouse.Priority = input.Priority.Value!.Value;
        warehouse.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return WarehousePayload.Ok(warehouse);
    }

    public async Task<WarehousePayload> DeactivateAsync(string code, CancellationToken cancellationToken)
    {
        // No validator here (the input only names the warehouse): the text rules still apply before any query.
        if (TextRules.Check(new Dictionary<string, object?> { ["code"] = code }) is { Count: > 0 } invalid)
            return WarehousePayload.Fail(invalid);
        await using var db = contexts.Create();
        var normalized = WarehouseRules.Normalize(code);
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Code == normalized, cancellationToken);
        if (warehouse is null)
            return WarehousePayload.Fail(StockErrors.WarehouseNotFound("input.code"));
        if (!warehouse.Active)
            return WarehousePayload.Ok(warehouse); // already: retry-safe

        warehouse.Active = false;
        warehouse.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return WarehousePayload.Ok(warehouse);
    }
}

internal sealed class DeactivateWarehouseInputType : InputObjectGraphType
{
    public DeactivateWarehouseInputType()
    {
        Name = "DeactivateWarehouseInput";
        Field<NonNullGraphType<StringGraphType>>("code");
    }
}

internal sealed class WarehouseFilter
{
    public bool? Active { get; init; }
}

internal sealed class WarehouseFilterInputType : InputObjectGraphType<WarehouseFilter>
{
    public WarehouseFilterInputType()
    {
        Name = "WarehouseFilterInput";
        Field(f => f.Active, nullable: true);
    }
}

internal static class WarehouseFields
{
    public static void AddQueryFields(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<WarehouseType>>>("warehouses")
            .Description("The tenant's warehouses, by code.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<WarehouseFilterInputType>("filter");
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var active = ctx.GetArgument<WarehouseFilter?>("filter")?.Active;
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
            return await KeysetPaging.PageAsync(contexts.Create, db => active is { } a ? db.Warehouses.Where(w => w.Active == a) : db.Warehouses,
                page, w => w.Code, w => w.Code, descending: false, ctx.CancellationToken);
        });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateWarehousePayloadType>>("createWarehouse")
            .Description("Adds a warehouse. Fails with INVALID_WAREHOUSE_CODE, WAREHOUSE_CODE_TAKEN or VALIDATION, writing nothing.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<CreateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<WarehouseHandlers>()
                .CreateAsync(ctx.GetArgument<CreateWarehouseInput>("input"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<UpdateWarehousePayloadType>>("updateWarehouse")
            .Description("Changes a warehouse's name, address, time zone or priority. NOT_FOUND or VALIDATION otherwise.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<UpdateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<WarehouseHandlers>()
                .UpdateAsync(UpdateWarehouseInput.From(ctx.GetArgument<Dictionary<string, object?>>("input")), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<DeactivateWarehousePayloadType>>("deactivateWarehouse")
            .Description("Takes a warehouse out of use (kept for the ledger and its history). Idempotent. NOT_FOUND otherwise.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<DeactivateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<WarehouseHandlers>()
                .DeactivateAsync(ctx.GetArgument<Dictionary<string, object?>>("input")["code"] as string ?? "", ctx.CancellationToken));
    }
}
