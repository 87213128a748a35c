using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Tenants.Registry.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenants_inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "tenants_outbox_messages",
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
                    table.PrimaryKey("pk_tenants_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenants_sign_in_throttles",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants_sign_in_throttles", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "tenants_tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    plan = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    admin_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    pending_admin_password_hash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    server_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    database_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    signup_address_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    verification_code_hash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    verification_expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    verification_attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenants_provisioning_steps",
                columns: table => new
                {
                    step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants_provisioning_steps", x => new { x.tenant_id, x.step });
                    table.ForeignKey(
                        name: "fk_tenants_provisioning_steps_tenants_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants_tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_inbox_messages_processed_at",
                table: "tenants_inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_outbox_messages_status_next_attempt_at",
                table: "tenants_outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_outbox_messages_status_sent_at",
                table: "tenants_outbox_messages",
                columns: new[] { "status", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_sign_in_throttles_updated_at",
                table: "tenants_sign_in_throttles",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_tenants_created_at",
                table: "tenants_tenants",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_tenants_server_name",
                table: "tenants_tenants",
                column: "server_name");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_tenants_signup_address_hash_created_at",
                table: "tenants_tenants",
                columns: new[] { "signup_address_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_tenants_slug",
                table: "tenants_tenants",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenants_tenants_status",
                table: "tenants_tenants",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenants_inbox_messages");

            migrationBuilder.DropTable(
                name: "tenants_outbox_messages");

            migrationBuilder.DropTable(
                name: "tenants_provisioning_steps");

            migrationBuilder.DropTable(
                name: "tenants_sign_in_throttles");

            migrationBuilder.DropTable(
                name: "tenants_tenants");
        }
    }
}
