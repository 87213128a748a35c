using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>Builds DbContext options for one provider; also used by the design-time factories of the migrations.</summary>
public static class ModuleDbOptions
{
    public static DbContextOptions<TContext> ForDesignTime<TContext>(DatabaseProvider provider, string schema)
        where TContext : ModuleDbContext
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=design-time.db",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=design_time",
            _ => "Server=localhost;Database=design_time;TrustServerCertificate=True",
        };
        return (DbContextOptions<TContext>)Build(typeof(TContext), provider, connectionString, schema, interceptors: [], loggerFactory: null);
    }

    internal static DbContextOptions Build(Type contextType, DatabaseProvider provider, string connectionString, string schema, IReadOnlyList<IInterceptor> interceptors, ILoggerFactory? loggerFactory)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable($"__ef_migrations_{schema}"));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(Tuned(connectionString), o => o.MigrationsHistoryTable("__ef_migrations_history", schema));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history", schema));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
        builder.UseSnakeCaseNamingConvention();
        // EF Core's own log lines (commands, warnings) join the host's logging, with the request's scopes.
        if (loggerFactory is not null)
            builder.UseLoggerFactory(loggerFactory);
        if (interceptors.Count > 0)
            builder.AddInterceptors(interceptors);
        return builder.Options;
    }

    /// <summary>
    /// PostgreSQL connections keep their session between uses from the pool unless the connection string says
    /// otherwise: no DISCARD ALL before every use (one statement per pooled open, and it would drop the prepared
    /// statements), and the statements used most prepared once per connection. Nothing here relies on session
    /// state (no SET, no temporary tables, no advisory locks held across uses).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    private static bool HasKey(string connectionString, params string[] names) =>
        names.Any(n => connectionString.Contains(n, StringComparison.OrdinalIgnoreCase));
}
