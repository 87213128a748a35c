using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Stock.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class AddPurchaseOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "allow_over_receipt",
                table: "stock_allocation_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "stock_purchase_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    supplier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    expected_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_purchase_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_purchase_order_lines",
                columns: table => new
                {
                    purchase_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    level_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    received = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_purchase_order_lines", x => new { x.purchase_order_id, x.line_number });
                    table.CheckConstraint("ck_purchase_order_lines_quantities", "quantity > 0 AND received >= 0");
                    table.ForeignKey(
                        name: "fk_stock_purchase_order_lines_stock_purchase_orders_purchase_order_id",
                        column: x => x.purchase_order_id,
                        principalTable: "stock_purchase_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_purchase_orders_sort_key",
                table: "stock_purchase_orders",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_purchase_orders_status",
                table: "stock_purchase_orders",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_purchase_order_lines");

            migrationBuilder.DropTable(
                name: "stock_purchase_orders");

            migrationBuilder.DropColumn(
                name: "allow_over_receipt",
                table: "stock_allocation_settings");
        }
    }
}
