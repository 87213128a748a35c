namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Files only the host's own user may read: the SQLite databases (they hold password and API-key hashes), the
/// generated signing key, the demo administrator's password. They are created with these modes from the start
/// (never written first and restricted afterwards), and folders the platform creates are 0700.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and any missing parent) as 0700; an existing folder is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Options of a new file that is 0600 from its creation.</summary>
    public static FileStreamOptions NewFile(System.IO.FileMode mode = System.IO.FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        return options;
    }

    /// <summary>Writes <paramref name="text"/> to a file created 0600 (an existing file is restricted, then replaced).</summary>
    public static async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Restrict(path);
        await using var stream = new FileStream(path, NewFile(System.IO.FileMode.Create));
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    /// <summary>
    /// Makes sure a SQLite database file exists and is 0600 before SQLite opens it: SQLite creates a new file
    /// 0644, and gives its -wal, -shm and -journal files the database file's mode. Files of earlier versions are
    /// restricted to 0600 too.
    /// </summary>
    public static void PrepareSqliteDatabase(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            try
            {
                using var _ = new FileStream(path, NewFile());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created at the same moment by another host or thread: restricted below.
            }
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            Restrict(file);
    }

    private static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
            return;
        if ((File.GetUnixFileMode(path) & ~FileMode) != 0)
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & FileMode);
    }
}
