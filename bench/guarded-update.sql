-- pgbench script for bench/reservations.sh: the guarded UPDATE of LevelWriter.ApplyAsync for a reservation of
-- one unit, alone (autocommit: one statement, one round trip per transaction), on a scratch copy of the
-- tenant's stock schema. bench_level_ids maps n to a level; -D lo=.. -D hi=.. pick the rows (lo = hi: one row).
\set n random(:lo, :hi)
UPDATE stock.stock_levels AS s
   SET on_hand = s.on_hand + 0, reserved = s.reserved + 1, committed = s.committed + 0, damaged = s.damaged + 0,
       incoming = s.incoming + 0, version = s.version + 1, updated_at = now()
 WHERE s.id = (SELECT id FROM bench_level_ids WHERE n = :n)
   AND s.reserved <= 999999999
   AND (s.allow_backorder OR ((((s.on_hand + 0) - (s.reserved + 1)) - (s.committed + 0)) - (s.damaged + 0)) - s.safety_stock >= 0);
