-- pgbench script for bench/reservations.sh: the statements one reserveStock sends (one line of 1 unit),
-- in the same order and the same ten round trips, without the host: the five reads before the transaction
-- (idempotency key, product, warehouse, level id, idempotency key again), then BEGIN with the guarded UPDATE
-- (Npgsql sends BEGIN along with the next command), the SELECT of the row, EF Core's savepoint with the six
-- INSERTs of SaveChanges in one batch (idempotency key, two outbox messages, reservation, ledger entry,
-- reservation line), RELEASE SAVEPOINT and COMMIT. Payload sizes are close to the real ones. Left out: the
-- DISCARD ALL that Npgsql's pool sends along with the first command of each of the six connection uses
-- (no round trip of its own; it cannot share a pgbench compound command).
-- Runs on a scratch copy of the tenant's stock schema; -D lo=.. -D hi=.. pick the levels (lo = hi: one row).
\set n random(:lo, :hi)
\set r random(1, 9007199254740991)
SELECT i.key, i.created_at, i.operation, i.request_hash, i.result FROM stock.idempotency_keys AS i WHERE i.key = 'pgbench-' || :client_id || '-' || :r LIMIT 1;
SELECT p.product_id, p.catalog_version, p.discontinued, p.name, p.sku, p.sku_key, p.updated_at FROM stock.products AS p WHERE p.sku_key = (SELECT sku_key FROM bench_level_ids WHERE n = :n);
SELECT w.id, w.active, w.address, w.code, w.created_at, w.name, w.priority, w.time_zone, w.updated_at FROM stock.warehouses AS w WHERE w.code = 'MAIN';
SELECT s.sku_key, s.warehouse_id, s.id FROM stock.stock_levels AS s WHERE s.sku_key = (SELECT sku_key FROM bench_level_ids WHERE n = :n) AND s.warehouse_id = (SELECT warehouse_id FROM bench_level_ids WHERE n = :n);
SELECT i.key, i.created_at, i.operation, i.request_hash, i.result FROM stock.idempotency_keys AS i WHERE i.key = 'pgbench-' || :client_id || '-' || :r LIMIT 1;
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED \;
UPDATE stock.stock_levels AS s
   SET on_hand = s.on_hand + 0, reserved = s.reserved + 1, committed = s.committed + 0, damaged = s.damaged + 0,
       incoming = s.incoming + 0, version = s.version + 1, updated_at = now()
 WHERE s.id = (SELECT id FROM bench_level_ids WHERE n = :n)
   AND s.reserved <= 999999999
   AND (s.allow_backorder OR ((((s.on_hand + 0) - (s.reserved + 1)) - (s.committed + 0)) - (s.damaged + 0)) - s.safety_stock >= 0);
SELECT s.id, s.alert_state, s.allow_backorder, s.committed, s.created_at, s.damaged, s.incoming, s.on_hand, s.reorder_point, s.reserved, s.safety_stock, s.sku, s.sku_key, s.updated_at, s.version, s.warehouse_code, s.warehouse_id FROM stock.stock_levels AS s WHERE s.id = (SELECT id FROM bench_level_ids WHERE n = :n) LIMIT 1;
SAVEPOINT "__EFSavePoint" \;
INSERT INTO stock.idempotency_keys (key, created_at, operation, request_hash, result)
  VALUES ('pgbench-' || :client_id || '-' || :r, now(), 'reserveStock', md5(:r::text) || md5(:client_id::text), repeat('r', 700)) \;
INSERT INTO stock.outbox_messages (id, attempts, last_error, locked_until, next_attempt_at, occurred_at, payload, sent_at, status, tenant_id, type)
  VALUES (md5('o1-' || :client_id || '-' || :r)::uuid, 0, NULL, NULL, now(), now(), repeat('o', 300), NULL, 0, 'demo', 'Inventory.Stock.Contracts.IntegrationEvents.StockLevelChanged') \;
INSERT INTO stock.outbox_messages (id, attempts, last_error, locked_until, next_attempt_at, occurred_at, payload, sent_at, status, tenant_id, type)
  VALUES (md5('o2-' || :client_id || '-' || :r)::uuid, 0, NULL, NULL, now(), now(), repeat('o', 220), NULL, 0, 'demo', 'Inventory.Stock.Contracts.IntegrationEvents.StockReserved') \;
INSERT INTO stock.reservations (id, actor, created_at, expires_at, idempotency_key, reference, sort_key, status, updated_at)
  VALUES (md5('r-' || :client_id || '-' || :r)::uuid, 'user:pgbench', now(), now() + interval '900 seconds', 'pgbench-' || :client_id || '-' || :r, NULL,
          'r-' || :client_id || '-' || :r, 'Held', now()) \;
INSERT INTO stock.stock_movements (id, actor, available_after, committed_after, committed_delta, damaged_after, damaged_delta, idempotency_key, incoming_after, incoming_delta, level_id, note, occurred_at, on_hand_after, on_hand_delta, reason, reference, reservation_id, reserved_after, reserved_delta, sku, sku_key, sort_key, transfer_id, version_after, warehouse_code, warehouse_id)
  SELECT md5('m-' || :client_id || '-' || :r)::uuid, 'user:pgbench', s.on_hand - s.reserved - s.committed - s.damaged - s.safety_stock, s.committed, 0, s.damaged, 0,
         'pgbench-' || :client_id || '-' || :r, s.incoming, 0, s.id, NULL, now(), s.on_hand, 0, 'Reserved', NULL, md5('r-' || :client_id || '-' || :r)::uuid,
         s.reserved, 1, s.sku, s.sku_key, 'm-' || :client_id || '-' || :r, NULL, s.version, s.warehouse_code, s.warehouse_id
    FROM stock.stock_levels AS s WHERE s.id = (SELECT id FROM bench_level_ids WHERE n = :n) \;
INSERT INTO stock.reservation_lines (line_number, reservation_id, level_id, quantity, sku, sku_key, warehouse_code, warehouse_id)
  SELECT 1, md5('r-' || :client_id || '-' || :r)::uuid, s.id, 1, s.sku, s.sku_key, s.warehouse_code, s.warehouse_id
    FROM stock.stock_levels AS s WHERE s.id = (SELECT id FROM bench_level_ids WHERE n = :n);
RELEASE SAVEPOINT "__EFSavePoint";
COMMIT;
