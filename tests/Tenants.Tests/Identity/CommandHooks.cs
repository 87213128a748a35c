using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>
/// Lines a race up without timing: while armed, the first command whose SQL contains a fragment waits, before it is
/// sent, for an action of the test (another change committed in the window between a handler's read and its write);
/// or every such command fails as if the database did not answer.
/// </summary>
internal sealed class CommandHooks : DbCommandInterceptor
{
    private (string Fragment, Func<Task> Action)? _before;
    private string? _unavailable;

    public bool Fired { get; private set; }

    /// <summary>Runs <paramref name="action"/> once, before the first command containing <paramref name="fragment"/>.</summary>
    public void Before(string fragment, Func<Task> action)
    {
        Fired = false;
        lock (this)
            _before = (fragment, action);
    }

    /// <summary>Until disposed, every command containing <paramref name="fragment"/> fails with a timeout.</summary>
    public IDisposable Unavailable(string fragment)
    {
        Volatile.Write(ref _unavailable, fragment);
        return new Disarm(this);
    }

    public void Reset()
    {
        lock (this)
            _before = null;
        Volatile.Write(ref _unavailable, null);
        Fired = false;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await OnExecutingAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await OnExecutingAsync(command);
        return result;
    }

    private async Task OnExecutingAsync(DbCommand command)
    {
        // Without quotes and with single spaces, so that a fragment such as "SET password_hash" names an UPDATE.
        var sql = Regex.Replace(command.CommandText.Replace("\"", "", StringComparison.Ordinal), @"\s+", " ");
        if (Volatile.Read(ref _unavailable) is { } fragment && sql.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            throw new TimeoutException("The test made the database unavailable.");

        Func<Task>? action = null;
        lock (this)
        {
            if (_before is { } before && sql.Contains(before.Fragment, StringComparison.OrdinalIgnoreCase))
            {
                action = before.Action;
                _before = null; // once: the action's own commands pass
            }
        }
        if (action is not null)
        {
            await action();
            Fired = true;
        }
    }

    private sealed class Disarm(CommandHooks owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._unavailable, null);
    }
}
