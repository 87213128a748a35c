using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Stock.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class AddPurchaseOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "allow_over_receipt",
                schema: "stock",
                table: "allocation_settings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "purchase_orders",
                schema: "stock",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    status = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    supplier = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    warehouse_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    expected_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    sort_key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchase_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchase_order_lines",
                schema: "stock",
                columns: table => new
                {
                    purchase_order_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    line_number = table.Column<int>(type: "int", nullable: false),
                    sku = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    level_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    quantity = table.Column<int>(type: "int", nullable: false),
                    received = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchase_order_lines", x => new { x.purchase_order_id, x.line_number });
                    table.CheckConstraint("ck_purchase_order_lines_quantities", "quantity > 0 AND received >= 0");
                    table.ForeignKey(
                        name: "fk_purchase_order_lines_purchase_orders_purchase_order_id",
                        column: x => x.purchase_order_id,
                        principalSchema: "stock",
                        principalTable: "purchase_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_orders_sort_key",
                schema: "stock",
                table: "purchase_orders",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchase_orders_status",
                schema: "stock",
                table: "purchase_orders",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "purchase_order_lines",
                schema: "stock");

            migrationBuilder.DropTable(
                name: "purchase_orders",
                schema: "stock");

            migrationBuilder.DropColumn(
                name: "allow_over_receipt",
                schema: "stock",
                table: "allocation_settings");
        }
    }
}
