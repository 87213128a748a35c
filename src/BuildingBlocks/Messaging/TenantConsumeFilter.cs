using Inventory.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Sets the tenant of the consumer's scope from the message header before the consumer (and any
/// DbContext) is resolved in that scope. A message without a known tenant is refused, never guessed.
/// </summary>
internal sealed class TenantConsumeFilter<T>(TenantContext tenantContext, ITenantStore tenants, ILogger<TenantConsumeFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var tenantId = context.Headers.Get<string>(TenantHeader.Name);
        if (string.IsNullOrWhiteSpace(tenantId))
            throw new InvalidOperationException($"Message {context.MessageId} carries no {TenantHeader.Name} header.");
        var tenant = await tenants.FindAsync(tenantId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Message {context.MessageId} names unknown tenant '{tenantId}'.");
        tenantContext.Set(tenant);
        using (logger.BeginScope(new Dictionary<string, object?> { ["TenantId"] = tenant.Id, ["MessageId"] = context.MessageId }))
            await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant");
}
