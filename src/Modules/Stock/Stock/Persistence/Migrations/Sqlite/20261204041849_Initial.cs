using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Stock.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_allocation_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    strategy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    prefer_single_warehouse = table.Column<bool>(type: "INTEGER", nullable: false),
                    allow_over_receipt = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_allocation_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    result = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "stock_inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "stock_outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_products",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    discontinued = table.Column<bool>(type: "INTEGER", nullable: false),
                    catalog_version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_products", x => x.product_id);
                });

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
                name: "stock_reconciliations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    levels_checked = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_reconciliations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_stock_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    available = table.Column<int>(type: "INTEGER", nullable: false),
                    threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_stock_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_stock_levels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    on_hand = table.Column<int>(type: "INTEGER", nullable: false),
                    reserved = table.Column<int>(type: "INTEGER", nullable: false),
                    committed = table.Column<int>(type: "INTEGER", nullable: false),
                    damaged = table.Column<int>(type: "INTEGER", nullable: false),
                    safety_stock = table.Column<int>(type: "INTEGER", nullable: false),
                    incoming = table.Column<int>(type: "INTEGER", nullable: false),
                    reorder_point = table.Column<int>(type: "INTEGER", nullable: false),
                    allow_backorder = table.Column<bool>(type: "INTEGER", nullable: false),
                    alert_state = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_stock_levels", x => x.id);
                    table.CheckConstraint("ck_stock_levels_damaged_on_hand", "damaged <= on_hand");
                    table.CheckConstraint("ck_stock_levels_not_overcommitted", "allow_backorder OR on_hand - reserved - committed - damaged >= 0");
                    table.CheckConstraint("ck_stock_levels_quantities_bounded", "on_hand <= 500000000 AND incoming <= 500000000 AND reserved <= 500000000 AND committed <= 500000000 AND damaged <= 500000000 AND safety_stock <= 500000000 AND reorder_point <= 500000000");
                    table.CheckConstraint("ck_stock_levels_quantities_not_negative", "on_hand >= 0 AND reserved >= 0 AND committed >= 0 AND damaged >= 0 AND safety_stock >= 0 AND incoming >= 0 AND reorder_point >= 0");
                });

            migrationBuilder.CreateTable(
                name: "stock_stock_movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    on_hand_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    reserved_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    committed_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    damaged_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    incoming_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    on_hand_after = table.Column<int>(type: "INTEGER", nullable: false),
                    reserved_after = table.Column<int>(type: "INTEGER", nullable: false),
                    committed_after = table.Column<int>(type: "INTEGER", nullable: false),
                    damaged_after = table.Column<int>(type: "INTEGER", nullable: false),
                    incoming_after = table.Column<int>(type: "INTEGER", nullable: false),
                    available_after = table.Column<int>(type: "INTEGER", nullable: false),
                    version_after = table.Column<int>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reservation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    transfer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_stock_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from_warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    shipped_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_warehouses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_warehouses", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "stock_stock_drifts",
                columns: table => new
                {
                    reconciliation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    quantity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recorded = table.Column<int>(type: "INTEGER", nullable: false),
                    ledger = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_stock_drifts", x => new { x.reconciliation_id, x.number });
                    table.ForeignKey(
                        name: "fk_stock_stock_drifts_stock_reconciliations_reconciliation_id",
                        column: x => x.reconciliation_id,
                        principalTable: "stock_reconciliations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_reservation_lines",
                columns: table => new
                {
                    reservation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    level_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_reservation_lines", x => new { x.reservation_id, x.line_number });
                    table.CheckConstraint("ck_reservation_lines_quantity_positive", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_stock_reservation_lines_stock_reservations_reservation_id",
                        column: x => x.reservation_id,
                        principalTable: "stock_reservations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_transfer_lines",
                columns: table => new
                {
                    transfer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_transfer_lines", x => new { x.transfer_id, x.line_number });
                    table.CheckConstraint("ck_transfer_lines_quantity_positive", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_stock_transfer_lines_stock_transfers_transfer_id",
                        column: x => x.transfer_id,
                        principalTable: "stock_transfers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_idempotency_keys_created_at",
                table: "stock_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_stock_inbox_messages_processed_at",
                table: "stock_inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_stock_outbox_messages_status_next_attempt_at",
                table: "stock_outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_outbox_messages_status_sent_at",
                table: "stock_outbox_messages",
                columns: new[] { "status", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_products_sku_key",
                table: "stock_products",
                column: "sku_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_purchase_orders_sort_key",
                table: "stock_purchase_orders",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_purchase_orders_status",
                table: "stock_purchase_orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_stock_reconciliations_checked_at",
                table: "stock_reconciliations",
                column: "checked_at");

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_reference",
                table: "stock_reservations",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_sort_key",
                table: "stock_reservations",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_status_expires_at",
                table: "stock_reservations",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_alerts_acknowledged_at_sort_key",
                table: "stock_stock_alerts",
                columns: new[] { "acknowledged_at", "sort_key" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_alerts_sort_key",
                table: "stock_stock_alerts",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_levels_sku_key_warehouse_id",
                table: "stock_stock_levels",
                columns: new[] { "sku_key", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_levels_warehouse_code_sku_key",
                table: "stock_stock_levels",
                columns: new[] { "warehouse_code", "sku_key" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_movements_level_id_sort_key",
                table: "stock_stock_movements",
                columns: new[] { "level_id", "sort_key" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_movements_reference",
                table: "stock_stock_movements",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_movements_sku_key_sort_key",
                table: "stock_stock_movements",
                columns: new[] { "sku_key", "sort_key" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_stock_movements_sort_key",
                table: "stock_stock_movements",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_transfers_sort_key",
                table: "stock_transfers",
                column: "sort_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_transfers_status",
                table: "stock_transfers",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_stock_warehouses_code",
                table: "stock_warehouses",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_allocation_settings");

            migrationBuilder.DropTable(
                name: "stock_idempotency_keys");

            migrationBuilder.DropTable(
                name: "stock_inbox_messages");

            migrationBuilder.DropTable(
                name: "stock_outbox_messages");

            migrationBuilder.DropTable(
                name: "stock_products");

            migrationBuilder.DropTable(
                name: "stock_purchase_order_lines");

            migrationBuilder.DropTable(
                name: "stock_reservation_lines");

            migrationBuilder.DropTable(
                name: "stock_stock_alerts");

            migrationBuilder.DropTable(
                name: "stock_stock_drifts");

            migrationBuilder.DropTable(
                name: "stock_stock_levels");

            migrationBuilder.DropTable(
                name: "stock_stock_movements");

            migrationBuilder.DropTable(
                name: "stock_transfer_lines");

            migrationBuilder.DropTable(
                name: "stock_warehouses");

            migrationBuilder.DropTable(
                name: "stock_purchase_orders");

            migrationBuilder.DropTable(
                name: "stock_reservations");

            migrationBuilder.DropTable(
                name: "stock_reconciliations");

            migrationBuilder.DropTable(
                name: "stock_transfers");
        }
    }
}
