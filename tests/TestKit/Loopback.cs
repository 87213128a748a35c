using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inventory.TestKit;

/// <summary>For tests that run the host on Kestrel (a real port, e.g. for a browser or a node script).</summary>
public static class Loopback
{
    /// <summary>The address Kestrel bound, as http://127.0.0.1:port (after <c>UseKestrel(0)</c> and <c>StartServer()</c>).</summary>
    public static string Address(InventoryApp app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Select(a => new Uri(a)).FirstOrDefault(u => u.Scheme == "http" && u.Port > 0)
            ?? throw new InvalidOperationException($"Kestrel reports no http address ({string.Join(", ", addresses)})");
        return $"http://127.0.0.1:{address.Port}";
    }

    /// <summary>Drops every database of the run's PostgreSQL whose name starts with <paramref name="prefix"/>_ (earlier runs' tenants).</summary>
    public static async Task DropDatabasesAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection))
        {
            list.Parameters.AddWithValue("prefix", prefix + "_");
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>HTTP clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3...), so a test on Kestrel can act as several client IPs.</summary>
public static class LoopbackClients
{
    public static HttpClient From(string baseUrl, string localAddress) => new(new System.Net.Http.SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = new Uri(baseUrl) };
}
