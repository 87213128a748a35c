using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inventory.BuildingBlocks.Persistence;

public static class DbErrors
{
    /// <summary>True when the save failed on a unique index, on any of the three providers.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
