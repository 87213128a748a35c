using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Alerts.AcknowledgeAlert;

internal sealed record AcknowledgeAlertResult(StockAlert? Alert, IReadOnlyList<UserError> Errors);

internal sealed class AcknowledgeAlertPayloadType : ObjectGraphType<AcknowledgeAlertResult>
{
    public AcknowledgeAlertPayloadType()
    {
        Name = "AcknowledgeAlertPayload";
        Field<StockAlertType>("alert").Resolve(ctx => ctx.Source.Alert);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

internal static class AcknowledgeAlertMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<AcknowledgeAlertPayloadType>>("acknowledgeAlert")
            .Description("Marks an alert as seen. Acknowledging it again changes nothing and answers it as it is (who acknowledged first stays).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return new AcknowledgeAlertResult(null, [UserError.NotFound("The alert", "id")]);
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var actor = Actors.Of(ctx.User);
                await using var db = StockContexts.Of(ctx).Create();
                // One conditional UPDATE: of two concurrent acknowledgements, the first one's name and time stay.
                await db.Alerts.Where(a => a.Id == id && a.AcknowledgedAt == null).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.AcknowledgedAt, now)
                    .SetProperty(a => a.AcknowledgedBy, actor), ctx.CancellationToken);
                var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ctx.CancellationToken);
                return alert is null
                    ? new AcknowledgeAlertResult(null, [UserError.NotFound("The alert", "id")])
                    : new AcknowledgeAlertResult(alert, []);
            });
}
