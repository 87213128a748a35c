using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;
using Inventory.BuildingBlocks.GraphQL.Http;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>
/// What a caller learns of an exception no code handled: a fixed message, INTERNAL_ERROR and a correlation id (the
/// trace id), never the exception's type, message or stack, so no database text (table, column, constraint, schema,
/// server or database names) leaves the host. The full exception is logged with the same correlation id, which
/// operators search for. Both transports (HTTP and WebSocket) run the same executer and so the same handler.
/// </summary>
public static class ErrorMasking
{
    public const string InternalErrorCode = "INTERNAL_ERROR";
    public const string TenantNotSetCode = "TENANT_NOT_SET";
    public const string CorrelationIdExtension = "correlationId";

    internal static void Handle(UnhandledExceptionContext context)
    {
        var exception = context.OriginalException;
        if (exception is TenantNotSetException)
        {
            context.Exception = new ExecutionError("This operation needs a tenant.") { Code = TenantNotSetCode };
            return;
        }
        if (DbErrors.IsUnavailable(exception))
        {
            GraphQLHttpEndpoint.MapDatabaseUnavailable(context);
            return;
        }

        var correlationId = CorrelationId();
        var field = context.FieldContext is { } f ? string.Join('.', f.ResponsePath) : null;
        var services = context.ExecutionOptions.RequestServices;
        services?.GetService<ILoggerFactory>()?.CreateLogger("Inventory.GraphQL")
            .LogError(exception, "Unhandled error in GraphQL field {Field}; correlation id {CorrelationId}", field ?? "(document)", correlationId);
        // The original rides along only when exception details are exposed (development only): nothing of it (not
        // even its Data) can reach an answer otherwise.
        var expose = services?.GetService<IOptions<GraphQLHttpOptions>>()?.Value.ExposeExceptionDetails == true;
        context.Exception = new InternalError(correlationId, expose ? exception : null) { Code = InternalErrorCode };
    }

    private static string CorrelationId() =>
        Activity.Current is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : ActivityTraceId.CreateRandom().ToHexString();

    /// <summary>An unhandled exception as the caller sees it.</summary>
    public sealed class InternalError(string correlationId, Exception? inner)
        : ExecutionError($"An internal error occurred. Quote correlation id {correlationId} when reporting it.", inner)
    {
        public string CorrelationId { get; } = correlationId;
    }
}

/// <summary>
/// GraphQL.NET's error info, minus the codes it derives from exception type names (such as DB_UPDATE or
/// POSTGRES), plus the correlation id of masked errors.
/// </summary>
internal sealed class PlatformErrorInfoProvider(ErrorInfoProviderOptions options) : ErrorInfoProvider(options)
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is ErrorMasking.InternalError internalError)
        {
            var extensions = info.Extensions ?? new Dictionary<string, object?>();
            extensions[ErrorMasking.CorrelationIdExtension] = internalError.CorrelationId;
            info.Extensions = extensions;
        }
        return info;
    }

    protected override IEnumerable<string> GetCodesForError(ExecutionError executionError) =>
        executionError.Code is { Length: > 0 } code ? [code] : [];
}
