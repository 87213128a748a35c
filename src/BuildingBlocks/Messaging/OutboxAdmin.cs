using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>An outbox message of one module of the tenant, as administrators see it.</summary>
public sealed record OutboxMessageInfo(string Module, OutboxMessage Message);

internal sealed class OutboxStatusType : EnumerationGraphType<OutboxStatus>
{
    public OutboxStatusType()
    {
        Name = "OutboxMessageStatus";
        Description = "PENDING (waiting to be sent or retried), SENT, or DEAD (gave up after the last attempt; retryOutboxMessage sends it again).";
    }
}

internal sealed class OutboxMessageType : ObjectGraphType<OutboxMessageInfo>
{
    public OutboxMessageType()
    {
        Name = "OutboxMessage";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Message.Id);
        Field(m => m.Module).Description("The module whose outbox holds it (its schema: catalog, stock, orders...).");
        Field<NonNullGraphType<StringGraphType>>("type").Description("The integration event's type.").Resolve(ctx => ctx.Source.Message.Type);
        Field<NonNullGraphType<OutboxStatusType>>("status").Resolve(ctx => ctx.Source.Message.Status);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(ctx => ctx.Source.Message.Attempts);
        Field<StringGraphType>("lastError").Resolve(ctx => ctx.Source.Message.LastError);
        Field<NonNullGraphType<StringGraphType>>("payload").Description("The event as JSON.").Resolve(ctx => ctx.Source.Message.Payload);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.Message.OccurredAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("nextAttemptAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.Message.NextAttemptAt));
        Field<DateTimeOffsetGraphType>("sentAt").Resolve(ctx => ctx.Source.Message.SentAt is { } at ? UtcDates.ToOffset(at) : null);
    }
}

internal sealed record RetryOutboxPayload(OutboxMessageInfo? Message, IReadOnlyList<UserError> UserErrors);

internal sealed class RetryOutboxMessagePayloadType : ObjectGraphType<RetryOutboxPayload>
{
    public RetryOutboxMessagePayloadType()
    {
        Name = "RetryOutboxMessagePayload";
        Field<OutboxMessageType>("outboxMessage").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>
/// The tenant's outboxes, across every module, for administrators: what is pending, sent or dead, and a way
/// to send a dead message again (once whatever made it fail is fixed). Consumers are idempotent, so a message
/// sent again has its effect at most once.
/// </summary>
internal sealed class OutboxAdminFields : IGraphQLRootFields
{
    public const int MaxFirst = 200;

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OutboxMessageType>>>>("outboxMessages")
            .Description($"The tenant's outbox messages of every module, newest first, at most `first` ({MaxFirst} at most; default 50).")
            .RequireRole(PlatformRole.Admin)
            .Argument<OutboxStatusType>("status")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async ctx =>
            {
                var status = ctx.GetArgument<OutboxStatus?>("status");
                var first = Math.Clamp(ctx.GetArgument<int?>("first") ?? 50, 0, MaxFirst);
                var tenant = ctx.RequestServices!.GetRequiredService<ITenantContext>().Tenant;
                var found = new List<OutboxMessageInfo>();
                foreach (var module in ctx.RequestServices!.GetServices<IModuleDatabase>())
                {
                    await using var db = module.Create(tenant);
                    var rows = db.OutboxMessages.AsNoTracking();
                    if (status is { } s)
                        rows = rows.Where(m => m.Status == s);
                    found.AddRange((await rows.OrderByDescending(m => m.OccurredAt).Take(first).ToListAsync(ctx.CancellationToken))
                        .Select(m => new OutboxMessageInfo(module.Schema, m)));
                }
                return found.OrderByDescending(m => m.Message.OccurredAt).ThenBy(m => m.Module, StringComparer.Ordinal).Take(first).ToList();
            });

    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RetryOutboxMessagePayloadType>>("retryOutboxMessage")
            .Description("Sends a DEAD outbox message again, with a fresh count of attempts. NOT_FOUND, or INVALID_STATUS when it is not dead.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return new RetryOutboxPayload(null, [UserError.NotFound("The outbox message", "id")]);
                var services = ctx.RequestServices!;
                var tenant = services.GetRequiredService<ITenantContext>().Tenant;
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                foreach (var module in services.GetServices<IModuleDatabase>())
                {
                    await using var db = module.Create(tenant);
                    var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ctx.CancellationToken);
                    if (message is null)
                        continue;
                    var revived = message.Status == OutboxStatus.Dead && await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Dead).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Pending)
                        .SetProperty(m => m.Attempts, 0)
                        .SetProperty(m => m.NextAttemptAt, now)
                        .SetProperty(m => m.LockedUntil, (DateTime?)null), ctx.CancellationToken) == 1;
                    if (!revived)
                        return new RetryOutboxPayload(null, [new UserError("INVALID_STATUS",
                            $"The message is {message.Status.ToString().ToUpperInvariant()}; only a DEAD message is sent again.", "id")]);
                    // Answer with what this call did (the dispatcher may send it before anyone reads it back).
                    message.Status = OutboxStatus.Pending;
                    message.Attempts = 0;
                    message.NextAttemptAt = now;
                    services.GetRequiredService<OutboxSignal>().Notify(tenant.Id);
                    return new RetryOutboxPayload(new OutboxMessageInfo(module.Schema, message), []);
                }
                return new RetryOutboxPayload(null, [UserError.NotFound("The outbox message", "id")]);
            });
}
