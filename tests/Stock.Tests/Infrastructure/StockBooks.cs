using System.Data;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Tests.Infrastructure;

/// <summary>
/// The invariants every stock write must leave behind, read through Stock's own context (so the same check runs on
/// PostgreSQL and SQLite): each level equals the sum of its ledger, and each ledger entry's quantities after are
/// the running sum in version order; reserved and committed equal what the held and committed reservations hold,
/// and each reservation line's entries add up to its status; nothing is promised beyond the stock unless the
/// level allows backorders; and versions only grow, within the ledger and from one check to the next.
/// </summary>
internal sealed class StockBooks
{
    // The versions seen by the previous checks of this test: a level's version may only grow.
    private readonly Dictionary<Guid, int> _versions = [];

    public async Task<List<string>> ProblemsAsync(StockDbContext db)
    {
        // One transaction, so that every read sees the same state even if a job writes meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
        var levels = await db.Levels.AsNoTracking().ToListAsync();
        var movements = await db.Movements.AsNoTracking().ToListAsync();
        var reservations = await db.Reservations.AsNoTracking().Include(r => r.Lines).ToListAsync();
        await transaction.CommitAsync();

        var problems = new List<string>();
        var byLevel = movements.GroupBy(m => m.LevelId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.VersionAfter).ToList());
        foreach (var orphan in byLevel.Keys.Except(levels.Select(l => l.Id)))
            problems.Add($"ledger entries of no level ({orphan})");

        var lines = reservations.SelectMany(r => r.Lines.Select(l => (Reservation: r, Line: l))).ToList();
        foreach (var level in levels)
        {
            var name = $"{level.Sku}@{level.WarehouseCode}";
            var ledger = byLevel.GetValueOrDefault(level.Id) ?? [];
            var sums = (ledger.Sum(m => m.OnHandDelta), ledger.Sum(m => m.ReservedDelta), ledger.Sum(m => m.CommittedDelta), ledger.Sum(m => m.DamagedDelta), ledger.Sum(m => m.IncomingDelta));
            var quantities = (level.OnHand, level.Reserved, level.Committed, level.Damaged, level.Incoming);
            if (sums != quantities)
                problems.Add($"{name}: (onHand, reserved, committed, damaged, incoming) is {quantities} but its ledger sums to {sums}");

            var run = (OnHand: 0, Reserved: 0, Committed: 0, Damaged: 0, Incoming: 0);
            var previousVersion = 0;
            foreach (var m in ledger)
            {
                run = (run.OnHand + m.OnHandDelta, run.Reserved + m.ReservedDelta, run.Committed + m.CommittedDelta, run.Damaged + m.DamagedDelta, run.Incoming + m.IncomingDelta);
                if (run != (m.OnHandAfter, m.ReservedAfter, m.CommittedAfter, m.DamagedAfter, m.IncomingAfter))
                    problems.Add($"{name}: the entry of version {m.VersionAfter} ({m.Reason}) says after {(m.OnHandAfter, m.ReservedAfter, m.CommittedAfter, m.DamagedAfter, m.IncomingAfter)}, the entries up to it sum to {run}");
                if (m.VersionAfter <= previousVersion)
                    problems.Add($"{name}: two ledger entries have version {m.VersionAfter}");
                previousVersion = m.VersionAfter;
            }
            if (previousVersion > level.Version)
                problems.Add($"{name}: the ledger reached version {previousVersion}, the level is at {level.Version}");

            var held = lines.Where(x => x.Line.LevelId == level.Id && x.Reservation.Status == ReservationStatus.Held).Sum(x => x.Line.Quantity);
            var committed = lines.Where(x => x.Line.LevelId == level.Id && x.Reservation.Status == ReservationStatus.Committed).Sum(x => x.Line.Quantity);
            if (level.Reserved != held)
                problems.Add($"{name}: reserved is {level.Reserved}, the held reservations' lines hold {held}");
            if (level.Committed != committed)
                problems.Add($"{name}: committed is {level.Committed}, the committed reservations' lines hold {committed}");

            // Safety stock is kept back from promises, not from corrections: a correction may eat into it, so only
            // the stock without it must cover what is promised.
            var free = level.OnHand - level.Reserved - level.Committed - level.Damaged;
            if (!level.AllowBackorder && (level.Available < 0 && (level.SafetyStock == 0 || free < 0)))
                problems.Add($"{name}: available is {level.Available} (onHand {level.OnHand}, reserved {level.Reserved}, committed {level.Committed}, damaged {level.Damaged}) without backorders");
            if (ledger.FirstOrDefault(m => m.AvailableAfter < 0 && m.ReservedDelta + m.CommittedDelta > 0) is { } oversold && !level.AllowBackorder)
                problems.Add($"{name}: the entry of version {oversold.VersionAfter} promised stock down to available {oversold.AvailableAfter}");

            if (_versions.TryGetValue(level.Id, out var seen) && level.Version < seen)
                problems.Add($"{name}: version went back from {seen} to {level.Version}");
            _versions[level.Id] = level.Version;
        }
        foreach (var gone in _versions.Keys.Except(levels.Select(l => l.Id)).ToList())
        {
            problems.Add($"level {gone} disappeared");
            _versions.Remove(gone);
        }

        var byReservation = movements.Where(m => m.ReservationId is not null).ToLookup(m => (m.ReservationId!.Value, m.LevelId));
        foreach (var (reservation, line) in lines)
        {
            var entries = byReservation[(reservation.Id, line.LevelId)].ToList();
            var expected = reservation.Status switch
            {
                ReservationStatus.Held => (0, line.Quantity, 0),
                ReservationStatus.Committed => (0, 0, line.Quantity),
                ReservationStatus.Fulfilled => (-line.Quantity, 0, 0),
                _ => (0, 0, 0),
            };
            var actual = (entries.Sum(m => m.OnHandDelta), entries.Sum(m => m.ReservedDelta), entries.Sum(m => m.CommittedDelta));
            if (actual != expected)
                problems.Add($"reservation {reservation.Id} ({reservation.Status}) line {line.LineNumber} {line.Sku}: its entries move (onHand, reserved, committed) by {actual}, its status holds {expected}");
            if (entries.Count(m => m.Reason == StockReason.Reserved) != 1)
                problems.Add($"reservation {reservation.Id} line {line.LineNumber} {line.Sku}: {entries.Count(m => m.Reason == StockReason.Reserved)} RESERVED entries");
        }
        return problems;
    }
}
