using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Features.Operators;
using Inventory.Tenants.Features.ProvisioningProgress;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Provisioning;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Features.ApproveSignup;

/// <summary>
/// With <c>Onboarding:Verification = OperatorApproval</c>, signups wait as PENDING_APPROVAL (operators list them with
/// <c>tenants(filter: { status: PENDING_APPROVAL })</c>): approving queues provisioning, rejecting keeps the row (and
/// its slug) as REJECTED without ever creating a database.
/// </summary>
internal sealed class ApproveTenantSignupHandler(TenantStatusHandler status, ProvisioningQueue queue, ProvisioningNotifier notifier)
{
    public async Task<TenantPayload> ApproveAsync(string slug, CancellationToken cancellationToken)
    {
        var payload = await status.SetAsync(slug, TenantStatus.PendingApproval, TenantStatus.Provisioning, cancellationToken);
        if (payload.Tenant is { Status: TenantStatus.Provisioning } tenant)
        {
            queue.Enqueue(tenant.Id); // again on a retried approval: the pipeline skips what is done
            notifier.Changed(tenant.Slug);
        }
        return payload;
    }

    public async Task<TenantPayload> RejectAsync(string slug, CancellationToken cancellationToken)
    {
        var payload = await status.SetAsync(slug, TenantStatus.PendingApproval, TenantStatus.Rejected, cancellationToken);
        if (payload.Tenant is { } tenant)
            notifier.Changed(tenant.Slug);
        return payload;
    }
}

internal sealed class ApproveTenantSignupPayloadType() : TenantPayloadType("ApproveTenantSignupPayload");

internal sealed class RejectTenantSignupPayloadType() : TenantPayloadType("RejectTenantSignupPayload");

internal static class ApproveTenantSignupMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ApproveTenantSignupPayloadType>>("approveTenantSignup")
            .Description("Starts provisioning a PENDING_APPROVAL tenant. NOT_FOUND or INVALID_STATUS otherwise. Platform operators only.")
            .RequireOperator()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ApproveTenantSignupHandler>()
                .ApproveAsync(ctx.GetArgument<string>("slug"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<RejectTenantSignupPayloadType>>("rejectTenantSignup")
            .Description("Refuses a PENDING_APPROVAL tenant: it becomes REJECTED and never gets a database. Platform operators only.")
            .RequireOperator()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ApproveTenantSignupHandler>()
                .RejectAsync(ctx.GetArgument<string>("slug"), ctx.CancellationToken));
    }
}
