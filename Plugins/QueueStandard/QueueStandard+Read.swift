#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

extension QueueStandard {
    public func ticket(id: String) throws -> Ticket? {
        try context.store.read { db in
            try load(id, db).map { try withPlace($0, db) }
        }
    }

    public func snapshot() throws -> QueueSnapshot {
        let now = context.clock.now
        let today = day(of: now)
        return try context.store.read { db in
            let waitingRows = try db.query("""
                SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets WHERE day = ? AND state = 'issued'
                ORDER BY (priority_group IS NULL), place_ms, id
                """, [.text(today)])
            var perSector: [String: Int] = [:]
            let waiting = try waitingRows.map { row -> Ticket in
                var ticket = try StoredTicket(row).ticket
                // Within its own sector, the queue order is exactly the order of this list.
                let ahead = perSector[ticket.sector, default: 0]
                perSector[ticket.sector] = ahead + 1
                ticket.ahead = ahead
                return ticket
            }
            let atCounters = try db.query("""
                SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets WHERE state IN ('called', 'serving') ORDER BY called_ms
                """).map { try StoredTicket($0).ticket }
            let recent = try db.query("""
                SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets WHERE day = ? AND last_called_ms IS NOT NULL
                ORDER BY last_called_ms DESC LIMIT ?
                """, [.text(today), .integer(Int64(settings.display.boardRecentCalls))]).map { try StoredTicket($0).ticket }
            return QueueSnapshot(waiting: waiting, atCounters: atCounters, day: today, recentCalls: recent,
                                 counters: try counterStates(today: today, db), sectors: try sectorStatuses(now: now, db))
        }
    }

    public func counterStates() throws -> [CounterState] {
        let today = day(of: context.clock.now)
        return try context.store.read { db in try counterStates(today: today, db) }
    }

    public func sectorStatuses() throws -> [SectorStatus] {
        let now = context.clock.now
        return try context.store.read { db in try sectorStatuses(now: now, db) }
    }

    func counterStates(today: String, _ db: any SQLExecutor) throws -> [CounterState] {
        var stored: [String: SQLRow] = [:]
        for row in try db.query("SELECT counter, paused, reason, priority_streak FROM queue_standard_counters") {
            stored[try row.string("counter")] = row
        }
        var served: [String: Int] = [:]
        for row in try db.query("SELECT counter, COUNT(*) AS n FROM queue_standard_tickets WHERE day = ? AND state = 'done' AND counter IS NOT NULL GROUP BY counter",
                                [.text(today)]) {
            served[try row.string("counter")] = try row.int("n")
        }
        return try deployment.counters.map { counter in
            let row = stored[counter.id]
            return CounterState(counter: counter.id, paused: try row?.bool("paused") ?? false,
                                pauseReason: try row?.optionalString("reason"),
                                current: try current(atCounter: counter.id, db)?.ticket,
                                servedToday: served[counter.id] ?? 0, priorityStreak: try row?.int("priority_streak") ?? 0)
        }
    }

    func sectorStatuses(now: Date, _ db: any SQLExecutor) throws -> [SectorStatus] {
        let today = day(of: now)
        let waiting = try waitingCounts(day: today, db)
        var issued: [String: Int] = [:]
        var served: [String: Int] = [:]
        var servedAverage: [String: Int] = [:]
        // A service is timed from start to finish, as the reports and `ticket.finished` time it.
        for row in try db.query("""
            SELECT sector, SUM(CASE WHEN transferred_from IS NULL THEN 1 ELSE 0 END) AS issued, SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS served,
                   SUM(CASE WHEN state = 'done' AND started_ms IS NOT NULL AND finished_ms IS NOT NULL THEN 1 ELSE 0 END) AS timed,
                   SUM(CASE WHEN state = 'done' AND started_ms IS NOT NULL AND finished_ms IS NOT NULL THEN finished_ms - started_ms ELSE 0 END) AS service_ms
            FROM queue_standard_tickets WHERE day = ? GROUP BY sector
            """, [.text(today)]) {
            let sector = try row.string("sector")
            issued[sector] = try row.int("issued")
            served[sector] = try row.int("served")
            let timed = try row.int64("timed")
            if timed > 0 { servedAverage[sector] = Int((max(0, try row.int64("service_ms")) + timed * 500) / (timed * 1_000)) }
        }
        return try deployment.enabledSectorIDs.map { sector in
            let unavailable = try unavailability(sector: sector, now: now, db)
            let average = try averageService(sector: sector, db)
            let count = waiting[sector] ?? 0
            return SectorStatus(sector: sector, prefix: settings.prefixes[sector] ?? "", waiting: count,
                                issuedToday: issued[sector] ?? 0, servedToday: served[sector] ?? 0, dailyCap: settings.caps[sector],
                                available: unavailable == nil, unavailableReason: unavailable?.reason, nextOpening: unavailable?.next,
                                estimatedWaitSeconds: try estimate(ahead: count, sector: sector, db), averageServiceSeconds: average,
                                servedTodayAverageSeconds: servedAverage[sector])
        }
    }
}
