using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inventory.Tenants.Registry.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "tenants");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "tenants",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    consumer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    tenant_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    status = table.Column<int>(type: "int", nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    locked_until = table.Column<DateTime>(type: "datetime2", nullable: true),
                    sent_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_throttles",
                schema: "tenants",
                columns: table => new
                {
                    key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    failures = table.Column<int>(type: "int", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "datetime2", nullable: true),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_throttles", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "tenants",
                schema: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    slug = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    plan = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    admin_email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    pending_admin_password_hash = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    server_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    database_name = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    failure_reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    signup_address_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    verification_code_hash = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    verification_expires_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    verification_attempts = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provisioning_steps",
                schema: "tenants",
                columns: table => new
                {
                    step = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    order = table.Column<int>(type: "int", nullable: false),
                    state = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisioning_steps", x => new { x.tenant_id, x.step });
                    table.ForeignKey(
                        name: "fk_provisioning_steps_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "tenants",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "tenants",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                schema: "tenants",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_sent_at",
                schema: "tenants",
                table: "outbox_messages",
                columns: new[] { "status", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_throttles_updated_at",
                schema: "tenants",
                table: "sign_in_throttles",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_created_at",
                schema: "tenants",
                table: "tenants",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_server_name",
                schema: "tenants",
                table: "tenants",
                column: "server_name");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_signup_address_hash_created_at",
                schema: "tenants",
                table: "tenants",
                columns: new[] { "signup_address_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_slug",
                schema: "tenants",
                table: "tenants",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenants_status",
                schema: "tenants",
                table: "tenants",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "tenants");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "tenants");

            migrationBuilder.DropTable(
                name: "provisioning_steps",
                schema: "tenants");

            migrationBuilder.DropTable(
                name: "sign_in_throttles",
                schema: "tenants");

            migrationBuilder.DropTable(
                name: "tenants",
                schema: "tenants");
        }
    }
}
