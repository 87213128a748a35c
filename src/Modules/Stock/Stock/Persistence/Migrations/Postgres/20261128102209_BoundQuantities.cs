using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Stock.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class BoundQuantities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_stock_levels_quantities_bounded",
                schema: "stock",
                table: "stock_levels");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stock_levels_damaged_on_hand",
                schema: "stock",
                table: "stock_levels",
                sql: "damaged <= on_hand");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stock_levels_quantities_bounded",
                schema: "stock",
                table: "stock_levels",
                sql: "on_hand <= 500000000 AND incoming <= 500000000 AND reserved <= 500000000 AND committed <= 500000000 AND damaged <= 500000000 AND safety_stock <= 500000000 AND reorder_point <= 500000000");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_stock_levels_damaged_on_hand",
                schema: "stock",
                table: "stock_levels");

            migrationBuilder.DropCheckConstraint(
                name: "ck_stock_levels_quantities_bounded",
                schema: "stock",
                table: "stock_levels");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stock_levels_quantities_bounded",
                schema: "stock",
                table: "stock_levels",
                sql: "on_hand <= 1000000000 AND incoming <= 1000000000 AND reserved <= 1000000000 AND committed <= 1000000000");
        }
    }
}
