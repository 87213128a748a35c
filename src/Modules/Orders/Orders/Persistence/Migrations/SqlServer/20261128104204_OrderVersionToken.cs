using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Orders.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class OrderVersionToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
