using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Stock.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class AddStockAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_alerts",
                schema: "stock",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sort_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    warehouse_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    available = table.Column<int>(type: "integer", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_alerts_acknowledged_at_sort_key",
                schema: "stock",
                table: "stock_alerts",
                columns: new[] { "acknowledged_at", "sort_key" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_alerts_sort_key",
                schema: "stock",
                table: "stock_alerts",
                column: "sort_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_alerts",
                schema: "stock");
        }
    }
}
