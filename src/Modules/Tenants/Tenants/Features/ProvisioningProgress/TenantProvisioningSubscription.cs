using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.GraphQL;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Features.ProvisioningProgress;

internal sealed class ProvisioningProgressOptions
{
    public const string Section = "Tenants:Provisioning";

    /// <summary>
    /// How often a <c>tenantProvisioning</c> subscriber re-reads the registry when no step changed on its own host
    /// (the steps may run on another host). A step that runs on the subscriber's host is pushed at once.
    /// </summary>
    public TimeSpan ProgressPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>Wakes this host's <c>tenantProvisioning</c> subscribers of a slug when one of its steps changes here.</summary>
internal sealed class ProvisioningNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    public void Changed(string slug)
    {
        if (_waiting.TryRemove(slug, out var waiting))
            waiting.TrySetResult();
    }

    /// <summary>Completes when a step of <paramref name="slug"/> changes on this host, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(string slug, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = _waiting.GetOrAdd(slug, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiting.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }
}

/// <summary>One step of a tenant's provisioning as the onboarding portal sees it.</summary>
internal sealed record ProvisioningProgress(string Slug, string Step, StepState State, string? Message, int Position, int StepCount, TenantStatus TenantStatus, DateTime UpdatedAt);

internal sealed class ProvisioningProgressType : ObjectGraphType<ProvisioningProgress>
{
    public ProvisioningProgressType()
    {
        Name = "ProvisioningProgress";
        Description = "A provisioning step that started, finished or failed.";
        Field(p => p.Slug);
        Field(p => p.Step).Description("PLACE_DATABASE, CREATE_DATABASE, APPLY_MIGRATIONS, SEED_DEFAULTS, CREATE_ADMIN, ACTIVATE.");
        Field<NonNullGraphType<ProvisioningStepStateType>>("state").Resolve(ctx => ctx.Source.State);
        Field(p => p.Message, nullable: true);
        Field(p => p.Position).Description("1 for the first step.");
        Field(p => p.StepCount);
        Field<NonNullGraphType<TenantStatusType>>("tenantStatus").Description("ACTIVE after the last step: the administrator can sign in. FAILED: `retryTenantProvisioning` resumes.")
            .Resolve(ctx => ctx.Source.TenantStatus);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

/// <summary>
/// <c>tenantProvisioning(slug)</c>: for the onboarding portal, which has no login yet. It answers the steps as they
/// stand, then every change, and completes once the tenant is ACTIVE or provisioning FAILED. It shows that slug's
/// progress and nothing else (the messages name no server, database or address).
/// </summary>
internal static class TenantProvisioningSubscription
{
    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ProvisioningProgressType>, ProvisioningProgress>("tenantProvisioning")
            .Description("The provisioning of the tenant with this slug, step by step: first the steps as they stand, then each change; complete once it is ACTIVE or FAILED. Needs no login.")
            .AllowAnonymous()
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveStreamAsync(async ctx =>
            {
                var services = ctx.RequestServices!;
                var slug = ctx.GetArgument<string>("slug").Trim();
                // An unknown slug is refused up front (an `error` message), not as an event of a started stream.
                await using (var db = services.GetRequiredService<SystemDbContextFactory<RegistryDbContext>>().Create())
                    if (!await db.Tenants.AnyAsync(t => t.Slug == slug, ctx.CancellationToken))
                        throw new ExecutionError($"No tenant is being set up under '{slug}'.") { Code = ErrorCodes.NotFound };
                return new ProgressStream(
                    services.GetRequiredService<SystemDbContextFactory<RegistryDbContext>>(),
                    services.GetRequiredService<ProvisioningNotifier>(),
                    services.GetRequiredService<IOptions<ProvisioningProgressOptions>>().Value.ProgressPollInterval,
                    slug);
            });

    private sealed class ProgressStream(SystemDbContextFactory<RegistryDbContext> registry, ProvisioningNotifier notifier, TimeSpan interval, string slug)
        : IObservable<ProvisioningProgress>
    {
        public IDisposable Subscribe(IObserver<ProvisioningProgress> observer)
        {
            var stop = new CancellationTokenSource();
            _ = FollowAsync(observer, stop);
            return new Stop(stop);
        }

        private async Task FollowAsync(IObserver<ProvisioningProgress> observer, CancellationTokenSource stop)
        {
            using var owned = stop;
            var cancellationToken = stop.Token;
            var sent = new Dictionary<string, (StepState State, string? Message)>(StringComparer.Ordinal);
            TenantStatus? sentStatus = null;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    TenantRecord? tenant;
                    await using (var db = registry.Create())
                        tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
                    if (tenant is null)
                    {
                        observer.OnError(new ExecutionError($"No tenant is being set up under '{slug}'.") { Code = ErrorCodes.NotFound });
                        return;
                    }
                    var statusChanged = sentStatus is { } previous && previous != tenant.Status;
                    sentStatus = tenant.Status;
                    var emitted = 0;
                    var steps = tenant.Steps.OrderBy(s => s.Order).ToList();
                    for (var i = 0; i < steps.Count; i++)
                    {
                        var step = steps[i];
                        if (sent.TryGetValue(step.Step, out var last) && last.State == step.State && last.Message == step.Message)
                            continue;
                        sent[step.Step] = (step.State, step.Message);
                        observer.OnNext(new ProvisioningProgress(tenant.Slug, step.Step, step.State, step.Message, i + 1, steps.Count, tenant.Status, step.UpdatedAt));
                        emitted++;
                    }
                    // A status change without a step change (a signup confirmed, approved or rejected) still reaches
                    // the client: the first step is sent again with the new status.
                    if (statusChanged && emitted == 0 && steps.Count > 0)
                        observer.OnNext(new ProvisioningProgress(tenant.Slug, steps[0].Step, steps[0].State, steps[0].Message, 1, steps.Count, tenant.Status, steps[0].UpdatedAt));
                    // A pending signup (code or approval awaited) is followed until it is confirmed and provisioned, or rejected.
                    if (tenant.Status is TenantStatus.Active or TenantStatus.Failed or TenantStatus.Suspended or TenantStatus.Rejected)
                    {
                        observer.OnCompleted();
                        return;
                    }
                    await notifier.WaitAsync(slug, interval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                observer.OnError(ex);
            }
        }

        private sealed class Stop(CancellationTokenSource stop) : IDisposable
        {
            public void Dispose()
            {
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The stream had ended on its own.
                }
            }
        }
    }
}
