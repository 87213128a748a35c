using System.Data.Common;
using Inventory.BuildingBlocks.Messaging;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inventory.Stock.WriteEngine;

/// <summary>
/// A batch on PostgreSQL in two round trips whatever its size: one that opens the transaction, creates the
/// empty levels receipts need, locks the reservations and then the levels in ascending id order (every writer
/// takes level locks in that order, so batches wait for each other instead of deadlocking) and reads what the
/// commands decide on; and one that writes every row the commands decided (levels, ledger, reservations,
/// alerts, outbox, idempotency keys) as set-based statements over arrays, and commits. The statements' text
/// does not depend on the batch size, so the server prepares each once per connection.
/// </summary>
internal sealed class PostgresBatchStore : IWriteBatchStore
{
    private const string LevelColumns =
        "id, sku, sku_key, warehouse_id, warehouse_code, on_hand, reserved, committed, damaged, safety_stock, incoming, reorder_point, allow_backorder, alert_state, version, created_at, updated_at";

    public async Task RunAsync(StockDbContext db, WriteBatch batch, IReadOnlyList<StockCommand> commands, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var open = false;
        try
        {
            open = true;
            await LoadAsync(connection, batch, commands, cancellationToken);
            foreach (var command in commands)
                command.Decide(batch);
            await WriteAsync(connection, batch, cancellationToken);
            open = false;
        }
        finally
        {
            if (open && connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                    await rollback.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (Exception) when (connection.State != System.Data.ConnectionState.Open)
                {
                    // The connection broke: the server rolled the transaction back.
                }
            }
        }
    }

    private static async Task LoadAsync(NpgsqlConnection connection, WriteBatch batch, IReadOnlyList<StockCommand> commands, CancellationToken cancellationToken)
    {
        var targets = commands.SelectMany(c => c.Targets).DistinctBy(t => t.Key).ToList();
        var reservationIds = commands.SelectMany(c => c.ReservationIds).Distinct().ToArray();
        var keys = commands.Select(c => c.IdempotencyKey).OfType<string>().Distinct().ToArray();
        var skuKeys = targets.Select(t => t.Key.SkuKey).Distinct().ToArray();
        var codes = targets.Select(t => t.Key.WarehouseCode).Distinct().ToArray();
        var creatable = commands.SelectMany((c, i) => c.Targets.Where(t => t.Creates).Select(t => (Target: t, Command: i))).ToList();
        var messageIds = commands.Select(c => c.Inbox?.MessageId).OfType<Guid>().Distinct().ToArray();
        var transferIds = commands.SelectMany(c => c.TransferIds).Distinct().ToArray();
        var orderIds = commands.SelectMany(c => c.PurchaseOrderIds).Distinct().ToArray();

        await using var load = new NpgsqlBatch(connection);
        load.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        if (creatable.Count > 0)
        {
            // First, before any lock: a level created here is held by this transaction until it commits, and a
            // batch creating the same level waits for it before it locks anything. A command gets its levels only
            // when every level it would create can be (product and warehouse known, and active for stock coming
            // in): a request refused for one line leaves no empty level behind for its others.
            load.BatchCommands.Add(Command($"""
                WITH t AS (
                    SELECT t.*, p.sku, w.id AS warehouse_id,
                           (p.sku_key IS NOT NULL AND w.id IS NOT NULL AND (NOT t.inbound OR (NOT p.discontinued AND w.active))) AS ok
                    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $6::int[]) AS t(id, sku_key, code, inbound, command)
                    LEFT JOIN stock.products AS p ON p.sku_key = t.sku_key
                    LEFT JOIN stock.warehouses AS w ON w.code = t.code)
                INSERT INTO stock.stock_levels ({LevelColumns})
                SELECT t.id, t.sku, t.sku_key, t.warehouse_id, t.code, 0, 0, 0, 0, 0, 0, 0, false, 'New', 0, $5, $5
                FROM t
                WHERE t.ok AND t.command NOT IN (SELECT command FROM t WHERE NOT ok)
                ORDER BY t.sku_key, t.code
                ON CONFLICT (sku_key, warehouse_id) DO NOTHING
                """,
                creatable.Select(_ => Guid.CreateVersion7()).ToArray(), creatable.Select(t => t.Target.Key.SkuKey).ToArray(),
                creatable.Select(t => t.Target.Key.WarehouseCode).ToArray(), creatable.Select(t => t.Target.Use == TargetUse.Inbound).ToArray(), batch.Now,
                creatable.Select(t => t.Command).ToArray()));
        }
        load.BatchCommands.Add(Command("""
            SELECT id, status, reference, expires_at, actor, idempotency_key, created_at, updated_at, sort_key
            FROM stock.reservations WHERE id = ANY($1) ORDER BY id FOR UPDATE
            """, [reservationIds]));
        load.BatchCommands.Add(Command("""
            SELECT reservation_id, line_number, sku, sku_key, warehouse_id, warehouse_code, level_id, quantity
            FROM stock.reservation_lines WHERE reservation_id = ANY($1)
            """, [reservationIds]));
        // Transfers and purchase orders, only for the batches that move them (rare next to reservations): locked
        // after the reservations and before any level, the order every batch takes them in.
        if (transferIds.Length > 0)
        {
            load.BatchCommands.Add(Command("""
                SELECT id, status, from_warehouse_id, from_warehouse_code, to_warehouse_id, to_warehouse_code, reference, actor,
                       created_at, shipped_at, received_at, updated_at, sort_key
                FROM stock.transfers WHERE id = ANY($1) ORDER BY id FOR UPDATE
                """, [transferIds]));
            load.BatchCommands.Add(Command("SELECT transfer_id, line_number, sku, sku_key, quantity FROM stock.transfer_lines WHERE transfer_id = ANY($1)", [transferIds]));
        }
        if (orderIds.Length > 0)
        {
            load.BatchCommands.Add(Command("""
                SELECT id, status, supplier, warehouse_id, warehouse_code, expected_at, actor, created_at, updated_at, sort_key
                FROM stock.purchase_orders WHERE id = ANY($1) ORDER BY id FOR UPDATE
                """, [orderIds]));
            load.BatchCommands.Add(Command("""
                SELECT purchase_order_id, line_number, sku, sku_key, level_id, quantity, received
                FROM stock.purchase_order_lines WHERE purchase_order_id = ANY($1)
                """, [orderIds]));
        }
        load.BatchCommands.Add(Command($"""
            SELECT {LevelColumns} FROM stock.stock_levels
            WHERE (sku_key, warehouse_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))
               OR id IN (SELECT level_id FROM stock.reservation_lines WHERE reservation_id = ANY($3))
               OR id IN (SELECT level_id FROM stock.purchase_order_lines WHERE purchase_order_id = ANY($4))
            ORDER BY id FOR UPDATE
            """, targets.Select(t => t.Key.SkuKey).ToArray(), targets.Select(t => t.Key.WarehouseCode).ToArray(), reservationIds, orderIds));
        // After the locks, each statement with a snapshot of its own: a request with the same key that held one of
        // these rows has committed by now, and its key is seen here.
        load.BatchCommands.Add(Command("SELECT key, operation, request_hash, result, created_at FROM stock.idempotency_keys WHERE key = ANY($1)", [keys]));
        load.BatchCommands.Add(Command("SELECT product_id, sku, sku_key, name, discontinued FROM stock.products WHERE sku_key = ANY($1)", [skuKeys]));
        load.BatchCommands.Add(Command("SELECT id, code, active FROM stock.warehouses WHERE code = ANY($1)", [codes]));
        load.BatchCommands.Add(Command("SELECT message_id, consumer FROM stock.inbox_messages WHERE message_id = ANY($1)", [messageIds]));

        // The reader skips the statements that return no rows (BEGIN, the INSERT): the first result is the reservations'.
        await using var reader = await load.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reservation = new Reservation
            {
                Id = reader.GetGuid(0),
                Status = Enum.Parse<ReservationStatus>(reader.GetString(1)),
                Reference = reader.IsDBNull(2) ? null : reader.GetString(2),
                ExpiresAt = reader.GetDateTime(3),
                Actor = reader.GetString(4),
                IdempotencyKey = reader.IsDBNull(5) ? null : reader.GetString(5),
                CreatedAt = reader.GetDateTime(6),
                UpdatedAt = reader.GetDateTime(7),
                SortKey = reader.GetString(8),
            };
            batch.Reservations[reservation.Id] = reservation;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = new ReservationLine
            {
                ReservationId = reader.GetGuid(0),
                LineNumber = reader.GetInt32(1),
                Sku = reader.GetString(2),
                SkuKey = reader.GetString(3),
                WarehouseId = reader.GetGuid(4),
                WarehouseCode = reader.GetString(5),
                LevelId = reader.GetGuid(6),
                Quantity = reader.GetInt32(7),
            };
            batch.Reservations[line.ReservationId].Lines.Add(line);
        }
        foreach (var reservation in batch.Reservations.Values)
            reservation.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        await reader.NextResultAsync(cancellationToken);
        if (transferIds.Length > 0)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var transfer = new Transfer
                {
                    Id = reader.GetGuid(0),
                    Status = Enum.Parse<TransferStatus>(reader.GetString(1)),
                    FromWarehouseId = reader.GetGuid(2),
                    FromWarehouseCode = reader.GetString(3),
                    ToWarehouseId = reader.GetGuid(4),
                    ToWarehouseCode = reader.GetString(5),
                    Reference = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Actor = reader.GetString(7),
                    CreatedAt = reader.GetDateTime(8),
                    ShippedAt = reader.IsDBNull(9) ? null : reader.GetDateTime(9),
                    ReceivedAt = reader.IsDBNull(10) ? null : reader.GetDateTime(10),
                    UpdatedAt = reader.GetDateTime(11),
                    SortKey = reader.GetString(12),
                };
                batch.Transfers[transfer.Id] = transfer;
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                batch.Transfers[reader.GetGuid(0)].Lines.Add(new TransferLine
                {
                    TransferId = reader.GetGuid(0),
                    LineNumber = reader.GetInt32(1),
                    Sku = reader.GetString(2),
                    SkuKey = reader.GetString(3),
                    Quantity = reader.GetInt32(4),
                });
            foreach (var transfer in batch.Transfers.Values)
                transfer.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            await reader.NextResultAsync(cancellationToken);
        }
        if (orderIds.Length > 0)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var order = new PurchaseOrder
                {
                    Id = reader.GetGuid(0),
                    Status = Enum.Parse<PurchaseOrderStatus>(reader.GetString(1)),
                    Supplier = reader.GetString(2),
                    WarehouseId = reader.GetGuid(3),
                    WarehouseCode = reader.GetString(4),
                    ExpectedAt = reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                    Actor = reader.GetString(6),
                    CreatedAt = reader.GetDateTime(7),
                    UpdatedAt = reader.GetDateTime(8),
                    SortKey = reader.GetString(9),
                };
                batch.PurchaseOrders[order.Id] = order;
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                batch.PurchaseOrders[reader.GetGuid(0)].Lines.Add(new PurchaseOrderLine
                {
                    PurchaseOrderId = reader.GetGuid(0),
                    LineNumber = reader.GetInt32(1),
                    Sku = reader.GetString(2),
                    SkuKey = reader.GetString(3),
                    LevelId = reader.GetGuid(4),
                    Quantity = reader.GetInt32(5),
                    Received = reader.GetInt32(6),
                });
            foreach (var order in batch.PurchaseOrders.Values)
                order.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            await reader.NextResultAsync(cancellationToken);
        }
        while (await reader.ReadAsync(cancellationToken))
        {
            var level = ReadLevel(reader);
            batch.Levels[level.Id] = level;
            batch.LevelsByKey[new LevelKey(level.SkuKey, level.WarehouseCode)] = level;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new IdempotencyRecord
            {
                Key = reader.GetString(0),
                Operation = reader.GetString(1),
                RequestHash = reader.GetString(2),
                Result = reader.GetString(3),
                CreatedAt = reader.GetDateTime(4),
            };
            batch.Keys[record.Key] = record;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var product = new StockProduct
            {
                ProductId = reader.GetGuid(0),
                Sku = reader.GetString(1),
                SkuKey = reader.GetString(2),
                Name = reader.GetString(3),
                Discontinued = reader.GetBoolean(4),
            };
            batch.Products[product.SkuKey] = product;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            batch.Warehouses[reader.GetString(1)] = WarehouseRow(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2));
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            batch.Inbox.Add(new InboxEntry(reader.GetGuid(0), reader.GetString(1)));
    }

    private static async Task WriteAsync(NpgsqlConnection connection, WriteBatch batch, CancellationToken cancellationToken)
    {
        await using var write = new NpgsqlBatch(connection);
        var levels = batch.ChangedLevels.Select(id => batch.Levels[id]).ToList();
        if (levels.Count > 0)
            write.BatchCommands.Add(Command("""
                UPDATE stock.stock_levels AS l
                SET on_hand = v.on_hand, reserved = v.reserved, committed = v.committed, damaged = v.damaged, incoming = v.incoming,
                    alert_state = v.alert_state, version = v.version, updated_at = v.updated_at,
                    safety_stock = v.safety_stock, reorder_point = v.reorder_point, allow_backorder = v.allow_backorder
                FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::text[], $8::int[], $9::timestamptz[],
                        $10::int[], $11::int[], $12::boolean[])
                    AS v(id, on_hand, reserved, committed, damaged, incoming, alert_state, version, updated_at, safety_stock, reorder_point, allow_backorder)
                WHERE l.id = v.id
                """,
                levels.Select(l => l.Id).ToArray(), levels.Select(l => l.OnHand).ToArray(), levels.Select(l => l.Reserved).ToArray(),
                levels.Select(l => l.Committed).ToArray(), levels.Select(l => l.Damaged).ToArray(), levels.Select(l => l.Incoming).ToArray(),
                levels.Select(l => l.AlertState.ToString()).ToArray(), levels.Select(l => l.Version).ToArray(), levels.Select(l => l.UpdatedAt).ToArray(),
                levels.Select(l => l.SafetyStock).ToArray(), levels.Select(l => l.ReorderPoint).ToArray(), levels.Select(l => l.AllowBackorder).ToArray()));

        var m = batch.Movements;
        if (m.Count > 0)
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.stock_movements (id, level_id, sku, sku_key, warehouse_id, warehouse_code, reason, reference, note,
                    on_hand_delta, reserved_delta, committed_delta, damaged_delta, incoming_delta,
                    on_hand_after, reserved_after, committed_after, damaged_after, incoming_after, available_after, version_after,
                    actor, idempotency_key, reservation_id, transfer_id, occurred_at, sort_key)
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                    $10::int[], $11::int[], $12::int[], $13::int[], $14::int[],
                    $15::int[], $16::int[], $17::int[], $18::int[], $19::int[], $20::int[], $21::int[],
                    $22::text[], $23::text[], $24::uuid[], $25::uuid[], $26::timestamptz[], $27::text[])
                """,
                m.Select(x => x.Id).ToArray(), m.Select(x => x.LevelId).ToArray(), m.Select(x => x.Sku).ToArray(), m.Select(x => x.SkuKey).ToArray(),
                m.Select(x => x.WarehouseId).ToArray(), m.Select(x => x.WarehouseCode).ToArray(), m.Select(x => x.Reason.ToString()).ToArray(),
                m.Select(x => x.Reference).ToArray(), m.Select(x => x.Note).ToArray(),
                m.Select(x => x.OnHandDelta).ToArray(), m.Select(x => x.ReservedDelta).ToArray(), m.Select(x => x.CommittedDelta).ToArray(),
                m.Select(x => x.DamagedDelta).ToArray(), m.Select(x => x.IncomingDelta).ToArray(),
                m.Select(x => x.OnHandAfter).ToArray(), m.Select(x => x.ReservedAfter).ToArray(), m.Select(x => x.CommittedAfter).ToArray(),
                m.Select(x => x.DamagedAfter).ToArray(), m.Select(x => x.IncomingAfter).ToArray(), m.Select(x => x.AvailableAfter).ToArray(),
                m.Select(x => x.VersionAfter).ToArray(), m.Select(x => x.Actor).ToArray(), m.Select(x => x.IdempotencyKey).ToArray(),
                m.Select(x => x.ReservationId).ToArray(), m.Select(x => x.TransferId).ToArray(), m.Select(x => x.OccurredAt).ToArray(),
                m.Select(x => x.SortKey).ToArray()));

        var r = batch.NewReservations;
        if (r.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.reservations (id, status, reference, expires_at, actor, idempotency_key, created_at, updated_at, sort_key)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::text[])
                """,
                r.Select(x => x.Id).ToArray(), r.Select(x => x.Status.ToString()).ToArray(), r.Select(x => x.Reference).ToArray(),
                r.Select(x => x.ExpiresAt).ToArray(), r.Select(x => x.Actor).ToArray(), r.Select(x => x.IdempotencyKey).ToArray(),
                r.Select(x => x.CreatedAt).ToArray(), r.Select(x => x.UpdatedAt).ToArray(), r.Select(x => x.SortKey).ToArray()));
            var lines = r.SelectMany(x => x.Lines).ToList();
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.reservation_lines (reservation_id, line_number, sku, sku_key, warehouse_id, warehouse_code, level_id, quantity)
                SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::int[])
                """,
                lines.Select(x => x.ReservationId).ToArray(), lines.Select(x => x.LineNumber).ToArray(), lines.Select(x => x.Sku).ToArray(),
                lines.Select(x => x.SkuKey).ToArray(), lines.Select(x => x.WarehouseId).ToArray(), lines.Select(x => x.WarehouseCode).ToArray(),
                lines.Select(x => x.LevelId).ToArray(), lines.Select(x => x.Quantity).ToArray()));
        }

        // A reservation created and moved on in the same batch is inserted as it ended up: it is not updated too.
        var moved = batch.ChangedReservations.Where(id => !r.Any(x => x.Id == id)).Select(id => batch.Reservations[id]).ToList();
        if (moved.Count > 0)
            write.BatchCommands.Add(Command("""
                UPDATE stock.reservations AS r SET status = v.status, expires_at = v.expires_at, updated_at = v.updated_at
                FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS v(id, status, expires_at, updated_at)
                WHERE r.id = v.id
                """,
                moved.Select(x => x.Id).ToArray(), moved.Select(x => x.Status.ToString()).ToArray(), moved.Select(x => x.ExpiresAt).ToArray(),
                moved.Select(x => x.UpdatedAt).ToArray()));

        AddDocuments(write, batch);

        var a = batch.Alerts;
        if (a.Count > 0)
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.stock_alerts (id, sort_key, kind, level_id, sku, sku_key, warehouse_code, available, threshold, raised_at)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::timestamptz[])
                """,
                a.Select(x => x.Id).ToArray(), a.Select(x => x.SortKey).ToArray(), a.Select(x => x.Kind.ToString()).ToArray(),
                a.Select(x => x.LevelId).ToArray(), a.Select(x => x.Sku).ToArray(), a.Select(x => x.SkuKey).ToArray(),
                a.Select(x => x.WarehouseCode).ToArray(), a.Select(x => x.Available).ToArray(), a.Select(x => x.Threshold).ToArray(),
                a.Select(x => x.RaisedAt).ToArray()));

        var o = batch.OutboxMessages();
        if (o.Count > 0)
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.outbox_messages (id, tenant_id, type, payload, occurred_at, status, attempts, next_attempt_at)
                SELECT id, tenant_id, type, payload, occurred_at, 0, 0, occurred_at
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS v(id, tenant_id, type, payload, occurred_at)
                """,
                o.Select(x => x.Id).ToArray(), o.Select(x => x.TenantId).ToArray(), o.Select(x => x.Type).ToArray(),
                o.Select(x => x.Payload).ToArray(), o.Select(x => x.OccurredAt).ToArray()));

        var k = batch.NewKeys;
        if (k.Count > 0)
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.idempotency_keys (key, operation, request_hash, result, created_at)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                """,
                k.Select(x => x.Key).ToArray(), k.Select(x => x.Operation).ToArray(), k.Select(x => x.RequestHash).ToArray(),
                k.Select(x => x.Result).ToArray(), k.Select(x => x.CreatedAt).ToArray()));

        var inbox = batch.NewInbox;
        if (inbox.Count > 0)
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.inbox_messages (message_id, consumer, processed_at)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
                """,
                inbox.Select(x => x.MessageId).ToArray(), inbox.Select(x => x.Consumer).ToArray(), inbox.Select(_ => batch.Now).ToArray()));

        write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The transfers and purchase orders the batch created or moved on (a new one is inserted as it ended up).</summary>
    private static void AddDocuments(NpgsqlBatch write, WriteBatch batch)
    {
        var t = batch.NewTransfers;
        if (t.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.transfers (id, status, from_warehouse_id, from_warehouse_code, to_warehouse_id, to_warehouse_code, reference, actor,
                    created_at, shipped_at, received_at, updated_at, sort_key)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                    $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[])
                """,
                t.Select(x => x.Id).ToArray(), t.Select(x => x.Status.ToString()).ToArray(), t.Select(x => x.FromWarehouseId).ToArray(),
                t.Select(x => x.FromWarehouseCode).ToArray(), t.Select(x => x.ToWarehouseId).ToArray(), t.Select(x => x.ToWarehouseCode).ToArray(),
                t.Select(x => x.Reference).ToArray(), t.Select(x => x.Actor).ToArray(), t.Select(x => x.CreatedAt).ToArray(),
                t.Select(x => x.ShippedAt).ToArray(), t.Select(x => x.ReceivedAt).ToArray(), t.Select(x => x.UpdatedAt).ToArray(),
                t.Select(x => x.SortKey).ToArray()));
            var lines = t.SelectMany(x => x.Lines).ToList();
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.transfer_lines (transfer_id, line_number, sku, sku_key, quantity)
                SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[])
                """,
                lines.Select(x => x.TransferId).ToArray(), lines.Select(x => x.LineNumber).ToArray(), lines.Select(x => x.Sku).ToArray(),
                lines.Select(x => x.SkuKey).ToArray(), lines.Select(x => x.Quantity).ToArray()));
        }
        var movedTransfers = batch.ChangedTransfers.Where(id => !t.Any(x => x.Id == id)).Select(id => batch.Transfers[id]).ToList();
        if (movedTransfers.Count > 0)
            write.BatchCommands.Add(Command("""
                UPDATE stock.transfers AS t SET status = v.status, updated_at = v.updated_at, shipped_at = v.shipped_at, received_at = v.received_at
                FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) AS v(id, status, updated_at, shipped_at, received_at)
                WHERE t.id = v.id
                """,
                movedTransfers.Select(x => x.Id).ToArray(), movedTransfers.Select(x => x.Status.ToString()).ToArray(),
                movedTransfers.Select(x => x.UpdatedAt).ToArray(), movedTransfers.Select(x => x.ShippedAt).ToArray(),
                movedTransfers.Select(x => x.ReceivedAt).ToArray()));

        var p = batch.NewPurchaseOrders;
        if (p.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.purchase_orders (id, status, supplier, warehouse_id, warehouse_code, expected_at, actor, created_at, updated_at, sort_key)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                    $8::timestamptz[], $9::timestamptz[], $10::text[])
                """,
                p.Select(x => x.Id).ToArray(), p.Select(x => x.Status.ToString()).ToArray(), p.Select(x => x.Supplier).ToArray(),
                p.Select(x => x.WarehouseId).ToArray(), p.Select(x => x.WarehouseCode).ToArray(), p.Select(x => x.ExpectedAt).ToArray(),
                p.Select(x => x.Actor).ToArray(), p.Select(x => x.CreatedAt).ToArray(), p.Select(x => x.UpdatedAt).ToArray(),
                p.Select(x => x.SortKey).ToArray()));
            var lines = p.SelectMany(x => x.Lines).ToList();
            write.BatchCommands.Add(Command("""
                INSERT INTO stock.purchase_order_lines (purchase_order_id, line_number, sku, sku_key, level_id, quantity, received)
                SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::int[], $7::int[])
                """,
                lines.Select(x => x.PurchaseOrderId).ToArray(), lines.Select(x => x.LineNumber).ToArray(), lines.Select(x => x.Sku).ToArray(),
                lines.Select(x => x.SkuKey).ToArray(), lines.Select(x => x.LevelId).ToArray(), lines.Select(x => x.Quantity).ToArray(),
                lines.Select(x => x.Received).ToArray()));
        }
        var movedOrders = batch.ChangedPurchaseOrders.Where(id => !p.Any(x => x.Id == id)).Select(id => batch.PurchaseOrders[id]).ToList();
        if (movedOrders.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                UPDATE stock.purchase_orders AS o SET status = v.status, updated_at = v.updated_at
                FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, status, updated_at)
                WHERE o.id = v.id
                """,
                movedOrders.Select(x => x.Id).ToArray(), movedOrders.Select(x => x.Status.ToString()).ToArray(), movedOrders.Select(x => x.UpdatedAt).ToArray()));
            var lines = movedOrders.SelectMany(x => x.Lines).ToList();
            write.BatchCommands.Add(Command("""
                UPDATE stock.purchase_order_lines AS l SET received = v.received
                FROM unnest($1::uuid[], $2::int[], $3::int[]) AS v(purchase_order_id, line_number, received)
                WHERE l.purchase_order_id = v.purchase_order_id AND l.line_number = v.line_number AND l.received <> v.received
                """,
                lines.Select(x => x.PurchaseOrderId).ToArray(), lines.Select(x => x.LineNumber).ToArray(), lines.Select(x => x.Received).ToArray()));
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static StockLevel ReadLevel(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Sku = reader.GetString(1),
        SkuKey = reader.GetString(2),
        WarehouseId = reader.GetGuid(3),
        WarehouseCode = reader.GetString(4),
        OnHand = reader.GetInt32(5),
        Reserved = reader.GetInt32(6),
        Committed = reader.GetInt32(7),
        Damaged = reader.GetInt32(8),
        SafetyStock = reader.GetInt32(9),
        Incoming = reader.GetInt32(10),
        ReorderPoint = reader.GetInt32(11),
        AllowBackorder = reader.GetBoolean(12),
        AlertState = Enum.Parse<StockAlertState>(reader.GetString(13)),
        Version = reader.GetInt32(14),
        CreatedAt = reader.GetDateTime(15),
        UpdatedAt = reader.GetDateTime(16),
    };

    private static Warehouse WarehouseRow(Guid id, string code, bool active) => Warehouse.Existing(id, code, active);
}
