using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Registry;

namespace Inventory.Tenants.GraphQL;

/// <summary>What anyone may see of a tenant: enough to follow onboarding, nothing about where its data lives.</summary>
internal sealed class TenantType : ObjectGraphType<TenantRecord>
{
    public TenantType()
    {
        Name = "Tenant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(t => t.Slug);
        Field(t => t.Name);
        Field<NonNullGraphType<TenantStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(t => t.Plan);
        Field<StringGraphType>("failureReason")
            .Description("Why provisioning failed; `retryTenantProvisioning` resumes at the failed step. Operators see the error itself; others, which step failed.")
            .Resolve(ctx => ctx.Source.FailureReason is not { } reason ? null
                : Access.IsOperator(ctx.User) ? reason
                : reason.Split(':', 2)[0] + ".");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProvisioningStepType>>>>("provisioning")
            .Description("The provisioning steps in order, with their state.")
            .Resolve(ctx => ctx.Source.Steps.OrderBy(s => s.Order));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
    }
}

internal sealed class TenantStatusType : EnumerationGraphType<TenantStatus>
{
    public TenantStatusType()
    {
        Name = "TenantStatus";
    }
}

internal sealed class ProvisioningStepType : ObjectGraphType<ProvisioningStepRecord>
{
    public ProvisioningStepType()
    {
        Name = "ProvisioningStep";
        Field(s => s.Step).Description("PLACE_DATABASE, CREATE_DATABASE, APPLY_MIGRATIONS, SEED_DEFAULTS, CREATE_ADMIN, ACTIVATE.");
        Field<NonNullGraphType<ProvisioningStepStateType>>("state").Resolve(ctx => ctx.Source.State);
        Field(s => s.Message, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

internal sealed class ProvisioningStepStateType : EnumerationGraphType<StepState>
{
    public ProvisioningStepStateType()
    {
        Name = "ProvisioningStepState";
    }
}

internal sealed record TenantPayload(TenantRecord? Tenant, IReadOnlyList<UserError> UserErrors)
{
    public static TenantPayload Ok(TenantRecord tenant) => new(tenant, []);
    public static TenantPayload Fail(params UserError[] errors) => new(null, errors);
    public static TenantPayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal abstract class TenantPayloadType : ObjectGraphType<TenantPayload>
{
    protected TenantPayloadType(string name)
    {
        Name = name;
        Field<TenantType>("tenant").Resolve(ctx => ctx.Source.Tenant);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal sealed class OnboardTenantPayloadType() : TenantPayloadType("OnboardTenantPayload");

internal sealed class RetryTenantProvisioningPayloadType() : TenantPayloadType("RetryTenantProvisioningPayload");
