using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inventory.Catalog.Tests.Infrastructure;

public sealed class InjectedFaultException() : Exception("Fault injected by the test after the command ran.");

/// <summary>
/// While armed, fails a command whose SQL contains a fragment <em>after</em> PostgreSQL executed it: the rows
/// were written inside the transaction, and only a rollback can keep them out of the database.
/// </summary>
internal sealed class CommandFaults : DbCommandInterceptor
{
    private string? _fragment;

    public IDisposable FailAfterCommandsContaining(string fragment)
    {
        Volatile.Write(ref _fragment, fragment);
        return new Disarm(this);
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Matches(command))
        {
            await result.DisposeAsync();
            throw new InjectedFaultException();
        }
        return result;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (Matches(command))
        {
            result.Dispose();
            throw new InjectedFaultException();
        }
        return result;
    }

    private bool Matches(DbCommand command) =>
        Volatile.Read(ref _fragment) is { } fragment &&
        command.CommandText.Replace("\"", "", StringComparison.Ordinal).Contains(fragment, StringComparison.OrdinalIgnoreCase);

    private sealed class Disarm(CommandFaults owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._fragment, null);
    }
}
