using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inventory.TestKit;

/// <summary>
/// A second, throwaway PostgreSQL server (its own cluster on its own port) for tests that need several
/// database servers or a server that goes down. Started from the same binaries as the run's server.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private PostgresCluster(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database={database}";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("INVENTORY_TEST_PG_BIN") is { Length: > 0 } b ? b : "/usr/lib/postgresql/15/bin";
        var directory = Directory.CreateTempSubdirectory("inventory-pg2-").FullName;
        // The server runs as the postgres user, which must own its folder.
        await RunAsync("chmod", "755", directory);
        await RunAsync("chown", "postgres", directory);
        await AsPostgresAsync($"{bin}/initdb -D {directory}/data -U postgres --auth=trust");
        var cluster = new PostgresCluster(directory, bin, FreePort());
        await cluster.StartAgainAsync();
        return cluster;
    }

    public Task StartAgainAsync() => AsPostgresAsync(
        $"{_bin}/pg_ctl -D {_directory}/data -w -l {_directory}/log -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start");

    public Task StopAsync() => AsPostgresAsync($"{_bin}/pg_ctl -D {_directory}/data -w -m fast stop");

    public async Task<IReadOnlyList<string>> DatabasesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try { await StopAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsPostgresAsync(string command) => RunAsync("runuser", "-u", "postgres", "--", "bash", "-c", command);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }
}
