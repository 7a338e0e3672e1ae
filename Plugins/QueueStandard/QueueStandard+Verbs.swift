#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

extension QueueStandard {
    // MARK: Issue

    public func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        guard let sector = deployment.sector(request.sector) else {
            throw Problem("queue.unknown-sector", en: "No sector \"\(request.sector)\" in this deployment.",
                          vi: "Không có lĩnh vực \"\(request.sector)\".",
                          details: [.init(field: "sector", code: "unknown", message: LocalizedText(vi: "Lĩnh vực không tồn tại", en: "Unknown sector"))])
        }
        guard deployment.isEnabled(sector: sector.id) else {
            throw Problem("queue.sector-disabled", en: "Sector \(sector.name.en) is not served at this centre; choose another.",
                          vi: "Lĩnh vực \(sector.name.vi) không được tiếp nhận tại trung tâm này; hãy chọn lĩnh vực khác.",
                          details: [.init(field: "sector", code: "disabled", message: LocalizedText(vi: "Lĩnh vực không phục vụ", en: "Sector not served"))])
        }
        let group = request.priorityGroup.flatMap { $0.isEmpty ? nil : $0 }
        if let group, !settings.groups.contains(where: { $0.id == group }) {
            throw Problem("queue.unknown-priority-group", en: "No priority group \"\(group)\"; use one of \(settings.groups.map(\.id).joined(separator: ", ")).",
                          vi: "Không có nhóm ưu tiên \"\(group)\".",
                          details: [.init(field: "priorityGroup", code: "unknown", message: LocalizedText(vi: "Nhóm ưu tiên không tồn tại", en: "Unknown group"))])
        }
        let key = request.idempotencyKey.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        let now = context.clock.now
        let today = day(of: now)
        let ms = JournalEntry.milliseconds(now)
        // A booking's slot start orders the ticket (appointment precedence); never a later
        // instant than now, never another day.
        let placeMs = request.placeAt.map { min(ms, max(JournalEntry.milliseconds($0), JournalEntry.milliseconds(calendar.instant(calendar.local(now).date, .startOfDay)))) } ?? ms
        let (ticket, announcements): (Ticket, [Announcement]) = try context.store.write { tx in
            if let key, settings.idempotencySeconds > 0,
               let row = try tx.queryFirst("""
                   SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets
                   WHERE issuer = ? AND idempotency_key = ? AND issued_ms >= ? ORDER BY issued_ms DESC LIMIT 1
                   """, [.text(principal.description), .text(key), .integer(ms - Int64(settings.idempotencySeconds) * 1_000)]) {
                return (try withPlace(try StoredTicket(row), tx), [])
            }
            var announcements: [Announcement] = []
            // Nothing carries over silently: tickets left open on an earlier day are closed, journalled.
            if try tx.queryFirst("SELECT 1 AS x FROM queue_standard_tickets INDEXED BY queue_standard_tickets_open WHERE day < ? AND state IN \(Self.open) LIMIT 1",
                                 [.text(today)]) != nil {
                let previous = calendar.local(now).date.adding(days: -1).description
                let closed = try close(through: previous, markToday: false, now: now, by: .system, tx)
                announcements.append(Announcement(kind: "queue.day-closed", subject: "queue:\(previous)",
                                                  payload: JSONObject([("day", .string(previous)), ("closedTickets", Self.int(closed.count))])))
            }
            if let (reason, next) = try unavailability(sector: sector.id, now: now, tx) {
                throw unavailableProblem(sector: sector.id, reason: reason, next: next)
            }
            let period = settings.reset == .daily ? today : "all"
            let series = try tx.queryFirst("SELECT last FROM queue_standard_series WHERE sector = ? AND period = ?", [.text(sector.id), .text(period)])
            var sequence = try series.map { try $0.int("last") + 1 } ?? settings.start
            if sequence > settings.end { sequence = settings.start }  // a never-reset series wraps round
            let number = settings.number(sector: sector.id, sequence: sequence)
            let id = today.replacing("-", with: "") + "-" + number
            if try load(id, tx) != nil {
                throw unavailableProblem(sector: sector.id, reason: "sold-out",
                                         next: calendar.nextWorkingInstant(atOrAfter: calendar.instant(calendar.local(now).date.adding(days: 1), .startOfDay)))
            }
            try tx.execute("""
                INSERT INTO queue_standard_series (sector, period, last, issued) VALUES (?, ?, ?, 1)
                ON CONFLICT(sector, period) DO UPDATE SET last = excluded.last, issued = queue_standard_series.issued + 1
                """, [.text(sector.id), .text(period), .integer(Int64(sequence))])
            try tx.execute("""
                INSERT INTO queue_standard_daily (day, sector, issued) VALUES (?, ?, 1)
                ON CONFLICT(day, sector) DO UPDATE SET issued = queue_standard_daily.issued + 1
                """, [.text(today), .text(sector.id)])
            try tx.execute("""
                INSERT INTO queue_standard_tickets (id, day, sector, seq, number, priority_group, state, place_ms, issued_ms, issuer, idempotency_key, booking)
                VALUES (?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?)
                """, [.text(id), .text(today), .text(sector.id), .integer(Int64(sequence)), .text(number), SQLValue(group),
                      .integer(placeMs), .integer(ms), .text(principal.description), SQLValue(key), SQLValue(request.booking)])
            guard let stored = try load(id, tx) else { throw Problem("queue.internal", status: 500, en: "The ticket was not stored.", vi: "Phiếu chưa được lưu.") }
            let ticket = try withPlace(stored, tx)
            try journal(tx, now, principal, "ticket.issued", "ticket:\(id)", JSONObject([
                ("number", .string(number)), ("sector", .string(sector.id)), ("priorityGroup", Self.text(group)), ("day", .string(today)),
                ("ahead", Self.int(ticket.ahead ?? 0)), ("booking", Self.text(request.booking)),
            ]))
            let waiting = try waitingCounts(day: today, sectors: [sector.id], tx)
            announcements.append(Announcement(kind: "ticket.issued", subject: "ticket:\(id)",
                                              payload: eventPayload(ticket, waiting: waiting, extra: JSONObject([("ahead", Self.int(ticket.ahead ?? 0))]))))
            return (ticket, announcements)
        }
        publish(announcements)
        return ticket
    }

    // MARK: Call next

    public func callNext(counter id: String, by principal: Principal) throws -> Ticket? {
        let counter = try servingCounter(id)
        let sectors = counter.sectors.filter { deployment.isEnabled(sector: $0) }
        let now = context.clock.now
        let today = day(of: now)
        let ms = JournalEntry.milliseconds(now)
        let (ticket, announcements): (Ticket?, [Announcement]) = try context.store.write { tx in
            var announcements: [Announcement] = []
            let state = try tx.queryFirst("SELECT paused, reason, priority_streak FROM queue_standard_counters WHERE counter = ?", [.text(id)])
            if let state, try state.bool("paused") {
                throw Problem("queue.counter-paused", status: 409,
                              en: "\(counter.name.en) is paused (\(try state.optionalString("reason") ?? "")); resume it before calling.",
                              vi: "\(counter.name.vi) đang tạm dừng (\(try state.optionalString("reason") ?? "")); hãy mở lại trước khi gọi số.")
            }
            if let busy = try current(atCounter: id, tx) {
                let timedOut = busy.ticket.state == .called
                    && ms - (busy.lastCalledMs ?? ms) >= Int64(settings.noShowSeconds) * 1_000
                guard timedOut else {
                    throw Problem("queue.counter-busy", status: 409,
                                  en: "\(counter.name.en) still has ticket \(busy.ticket.number) (\(busy.ticket.state.rawValue)); finish it, transfer it or mark a no-show first.",
                                  vi: "\(counter.name.vi) đang phục vụ số \(busy.ticket.number); hãy kết thúc, chuyển hoặc đánh dấu vắng mặt trước.")
                }
                announcements.append(try markNoShow(busy, automatic: true, now: now, by: .system, tx))
            }
            let streak = try state?.int("priority_streak") ?? 0
            // The head of each class: per sector through the waiting index, plus tickets sent to this counter.
            func next(priority: Bool) throws -> StoredTicket? {
                let group = priority ? "IS NOT NULL" : "IS NULL"
                var heads: [StoredTicket] = []
                for sector in sectors {
                    if let row = try tx.queryFirst("""
                        SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets
                        WHERE day = ? AND state = 'issued' AND sector = ? AND priority_group \(group) AND target_counter IS NULL
                        ORDER BY place_ms, id LIMIT 1
                        """, [.text(today), .text(sector)]) { heads.append(try StoredTicket(row)) }
                }
                if let row = try tx.queryFirst("""
                    SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets
                    WHERE target_counter = ? AND state = 'issued' AND day = ? AND priority_group \(group)
                    ORDER BY place_ms, id LIMIT 1
                    """, [.text(id), .text(today)]) { heads.append(try StoredTicket(row)) }
                return heads.min { ($0.placeMs, $0.ticket.id) < ($1.placeMs, $1.ticket.id) }
            }
            let priority = try next(priority: true)
            let ordinary = try next(priority: false)
            let chosen: StoredTicket
            let newStreak: Int
            switch (priority, ordinary) {
            case (let first?, nil): chosen = first; newStreak = streak + 1
            case (let first?, _?) where streak < settings.priorityCap: chosen = first; newStreak = streak + 1
            case (_, let first?): chosen = first; newStreak = 0
            case (nil, nil): return (nil, announcements)
            }
            try tx.execute("""
                UPDATE queue_standard_tickets SET state = 'called', counter = ?, clerk = ?, called_ms = ?, last_called_ms = ?
                WHERE id = ? AND state = 'issued'
                """, [.text(id), .text(principal.description), .integer(ms), .integer(ms), .text(chosen.ticket.id)])
            try tx.execute("""
                INSERT INTO queue_standard_counters (counter, priority_streak) VALUES (?, ?)
                ON CONFLICT(counter) DO UPDATE SET priority_streak = excluded.priority_streak
                """, [.text(id), .integer(Int64(newStreak))])
            var ticket = chosen.ticket
            ticket.state = .called
            ticket.counter = id
            ticket.calledAt = now
            try journal(tx, now, principal, "ticket.called", "ticket:\(ticket.id)", JSONObject([
                ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("counter", .string(id)),
                ("clerk", Self.clerk(principal)), ("waitSeconds", Self.int(Int((ms - JournalEntry.milliseconds(ticket.issuedAt)) / 1_000))),
                ("priority", .bool(ticket.priorityGroup != nil)),
            ]))
            announcements.append(Announcement(kind: "ticket.called", subject: "ticket:\(ticket.id)",
                                              payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx))))
            return (ticket, announcements)
        }
        publish(announcements)
        return ticket
    }

    /// The counter with this id, if it serves at least one enabled sector.
    func servingCounter(_ id: String) throws -> Counter {
        guard let counter = deployment.counter(id) else {
            throw Problem("queue.unknown-counter", status: 404, en: "No counter \"\(id)\" in this deployment.", vi: "Không có quầy \"\(id)\".",
                          details: [.init(field: "counter", code: "unknown", message: LocalizedText(vi: "Quầy không tồn tại", en: "Unknown counter"))])
        }
        guard counter.sectors.contains(where: { deployment.isEnabled(sector: $0) }) else {
            throw Problem("queue.counter-no-sector", status: 409,
                          en: "\(counter.name.en) serves no enabled sector, so it has nobody to call; give it sectors in the manifest.",
                          vi: "\(counter.name.vi) không phục vụ lĩnh vực nào đang bật nên không có số để gọi; hãy gán lĩnh vực cho quầy trong tệp cấu hình.",
                          details: [.init(field: "counter", code: "no-sector", message: LocalizedText(vi: "Quầy chưa có lĩnh vực", en: "Counter has no sector"))])
        }
        return counter
    }

    func markNoShow(_ stored: StoredTicket, automatic: Bool, now: Date, by principal: Principal, _ tx: any StoreTransaction) throws -> Announcement {
        var ticket = stored.ticket
        try tx.execute("UPDATE queue_standard_tickets SET state = 'noShow', finished_ms = ? WHERE id = ?",
                       [.integer(JournalEntry.milliseconds(now)), .text(ticket.id)])
        ticket.state = .noShow
        ticket.finishedAt = now
        try journal(tx, now, principal, "ticket.no-show", "ticket:\(ticket.id)", JSONObject([
            ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("counter", Self.text(ticket.counter)),
            ("recalls", Self.int(ticket.recalls)), ("automatic", .bool(automatic)),
        ]))
        return Announcement(kind: "ticket.no-show", subject: "ticket:\(ticket.id)",
                            payload: eventPayload(ticket, waiting: try waitingCounts(day: ticket.day ?? day(of: now), sectors: [ticket.sector], tx)))
    }

    // MARK: Actions

    public func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        try perform(action, onTicket: id, atCounter: nil, by: principal)
    }

    public func perform(_ action: TicketAction, onTicket id: String, atCounter counter: String?, by principal: Principal) throws -> Ticket {
        if let counter, deployment.counter(counter) == nil {
            throw Problem("queue.unknown-counter", status: 404, en: "No counter \"\(counter)\" in this deployment.", vi: "Không có quầy \"\(counter)\".",
                          details: [.init(field: "atCounter", code: "unknown", message: LocalizedText(vi: "Quầy không tồn tại", en: "Unknown counter"))])
        }
        let now = context.clock.now
        let ms = JournalEntry.milliseconds(now)
        let (ticket, announcements): (Ticket, [Announcement]) = try context.store.write { tx in
            guard let stored = try load(id, tx) else {
                throw Problem("queue.no-such-ticket", status: 404, en: "No ticket \(id).", vi: "Không có phiếu \(id).")
            }
            var ticket = stored.ticket
            let subject = "ticket:\(ticket.id)"
            if let counter, let owner = ticket.counter, owner != counter, !ticket.state.isTerminal {
                throw Problem("queue.other-counter", status: 403,
                              en: "Ticket \(ticket.number) belongs to counter \(owner), not counter \(counter).",
                              vi: "Số \(ticket.number) đang ở quầy \(owner), không phải quầy \(counter).")
            }
            func refuse(_ verb: LocalizedText, needs: [Ticket.State]) -> Problem {
                let already = ticket.state.isTerminal ? " already \(ticket.state.rawValue)" : " \(ticket.state.rawValue)"
                return Problem("queue.invalid-transition", status: 409,
                               en: "Cannot \(verb.en) ticket \(ticket.number): it is\(already); it must be \(needs.map(\.rawValue).joined(separator: " or ")).",
                               vi: "Không thể \(verb.vi) số \(ticket.number): phiếu đang ở trạng thái \(Self.stateName(ticket.state)); cần \(needs.map(Self.stateName).joined(separator: " hoặc ")).")
            }
            let today = ticket.day ?? day(of: now)
            var announcements: [Announcement] = []
            switch action {
            case .recall:
                guard ticket.state == .called else { throw refuse(LocalizedText(vi: "gọi lại", en: "recall"), needs: [.called]) }
                guard ticket.recalls < settings.noShowRecalls || settings.noShowRecalls == 0 else {
                    throw Problem("queue.recall-limit", status: 409,
                                  en: "Ticket \(ticket.number) was recalled \(ticket.recalls) times; mark it a no-show.",
                                  vi: "Số \(ticket.number) đã được gọi lại \(ticket.recalls) lần; hãy đánh dấu vắng mặt.")
                }
                ticket.recalls += 1
                try tx.execute("UPDATE queue_standard_tickets SET recalls = ?, last_called_ms = ? WHERE id = ?",
                               [.integer(Int64(ticket.recalls)), .integer(ms), .text(ticket.id)])
                try journal(tx, now, principal, "ticket.recalled", subject, JSONObject([
                    ("number", .string(ticket.number)), ("counter", Self.text(ticket.counter)), ("recalls", Self.int(ticket.recalls)),
                ]))
                announcements.append(Announcement(kind: "ticket.recalled", subject: subject, payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx))))
            case .start:
                guard ticket.state == .called else { throw refuse(LocalizedText(vi: "bắt đầu phục vụ", en: "start"), needs: [.called]) }
                ticket.state = .serving
                ticket.startedAt = now
                try tx.execute("UPDATE queue_standard_tickets SET state = 'serving', started_ms = ? WHERE id = ?", [.integer(ms), .text(ticket.id)])
                try journal(tx, now, principal, "ticket.started", subject, JSONObject([
                    ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("counter", Self.text(ticket.counter)), ("clerk", Self.clerk(principal)),
                ]))
                announcements.append(Announcement(kind: "ticket.started", subject: subject, payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx))))
            case .finish:
                guard ticket.state == .serving else { throw refuse(LocalizedText(vi: "kết thúc", en: "finish"), needs: [.serving]) }
                ticket.state = .done
                ticket.finishedAt = now
                let service = Int((ms - JournalEntry.milliseconds(ticket.startedAt ?? now)) / 1_000)
                try tx.execute("UPDATE queue_standard_tickets SET state = 'done', finished_ms = ? WHERE id = ?", [.integer(ms), .text(ticket.id)])
                try journal(tx, now, principal, "ticket.finished", subject, JSONObject([
                    ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("counter", Self.text(ticket.counter)),
                    ("clerk", Self.clerk(principal)), ("serviceSeconds", Self.int(service)),
                ]))
                announcements.append(Announcement(kind: "ticket.finished", subject: subject,
                                                  payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx),
                                                                        extra: JSONObject([("serviceSeconds", Self.int(service))]))))
            case .noShow:
                guard ticket.state == .called else { throw refuse(LocalizedText(vi: "đánh dấu vắng mặt", en: "mark a no-show for"), needs: [.called]) }
                let waited = Int((ms - (stored.lastCalledMs ?? ms)) / 1_000)
                guard ticket.recalls >= settings.noShowRecalls || waited >= settings.noShowSeconds else {
                    throw Problem("queue.no-show-too-early", status: 409,
                                  en: "Ticket \(ticket.number) can be marked a no-show after \(settings.noShowRecalls) recalls (done \(ticket.recalls)) or \(settings.noShowSeconds) s after the last call (\(waited) s so far); recall it first.",
                                  vi: "Chỉ đánh dấu vắng mặt số \(ticket.number) sau \(settings.noShowRecalls) lần gọi lại (đã gọi \(ticket.recalls)) hoặc \(settings.noShowSeconds) giây kể từ lần gọi cuối (mới \(waited) giây); hãy gọi lại trước.")
                }
                announcements.append(try markNoShow(stored, automatic: false, now: now, by: principal, tx))
                ticket.state = .noShow
                ticket.finishedAt = now
            case .transfer(let sector, let toCounter, let keepPlace):
                guard ticket.state == .called || ticket.state == .serving else {
                    throw refuse(LocalizedText(vi: "chuyển", en: "transfer"), needs: [.called, .serving])
                }
                let (next, announcement) = try transfer(stored, sector: sector, counter: toCounter, keepPlace: keepPlace, now: now, by: principal, tx)
                announcements.append(announcement)
                ticket = next
            case .cancel(let reason):
                let reason = reason.trimmed()
                guard !reason.isEmpty else {
                    throw Problem("queue.cancel-reason", en: "Cancelling a ticket needs a reason.", vi: "Hủy phiếu cần nêu lý do.",
                                  details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Nhập lý do", en: "Give a reason"))])
                }
                guard !ticket.state.isTerminal else { throw refuse(LocalizedText(vi: "hủy", en: "cancel"), needs: [.issued, .called, .serving]) }
                ticket.state = .cancelled
                ticket.finishedAt = now
                try tx.execute("UPDATE queue_standard_tickets SET state = 'cancelled', finished_ms = ? WHERE id = ?", [.integer(ms), .text(ticket.id)])
                try journal(tx, now, principal, "ticket.cancelled", subject, JSONObject([
                    ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("counter", Self.text(ticket.counter)),
                    ("reason", .string(String(reason.prefix(500)))),
                ]))
                announcements.append(Announcement(kind: "ticket.cancelled", subject: subject, payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx))))
            case .confirmPriority(let group):
                let group = group.flatMap { $0.isEmpty ? nil : $0 }
                guard !ticket.state.isTerminal else { throw refuse(LocalizedText(vi: "xác nhận ưu tiên cho", en: "confirm the priority of"), needs: [.issued, .called, .serving]) }
                if let group, !settings.groups.contains(where: { $0.id == group }) {
                    throw Problem("queue.unknown-priority-group", en: "No priority group \"\(group)\".", vi: "Không có nhóm ưu tiên \"\(group)\".",
                                  details: [.init(field: "priorityGroup", code: "unknown", message: LocalizedText(vi: "Nhóm ưu tiên không tồn tại", en: "Unknown group"))])
                }
                let declared = ticket.priorityGroup
                ticket.priorityGroup = group
                ticket.priorityConfirmed = true
                try tx.execute("UPDATE queue_standard_tickets SET priority_group = ?, priority_confirmed = 1 WHERE id = ?", [SQLValue(group), .text(ticket.id)])
                try journal(tx, now, principal, "ticket.priority-confirmed", subject, JSONObject([
                    ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("declared", Self.text(declared)),
                    ("priorityGroup", Self.text(group)), ("counter", Self.text(ticket.counter)), ("clerk", Self.clerk(principal)),
                ]))
                announcements.append(Announcement(kind: "ticket.priority-confirmed", subject: subject, payload: eventPayload(ticket, waiting: try waitingCounts(day: today, sectors: [ticket.sector], tx))))
            }
            return (ticket, announcements)
        }
        publish(announcements)
        return ticket
    }

    private func transfer(_ stored: StoredTicket, sector: String?, counter: String?, keepPlace: Bool, now: Date,
                          by principal: Principal, _ tx: any StoreTransaction) throws -> (Ticket, Announcement) {
        var old = stored.ticket
        guard sector != nil || counter != nil else {
            throw Problem("queue.transfer-target", en: "Say where to transfer ticket \(old.number): a sector, a counter or both.",
                          vi: "Hãy chọn nơi chuyển số \(old.number) đến: lĩnh vực, quầy hoặc cả hai.",
                          details: [.init(field: "sector", code: "required", message: LocalizedText(vi: "Chọn lĩnh vực hoặc quầy", en: "Choose a sector or a counter"))])
        }
        let target = sector ?? old.sector
        guard deployment.sector(target) != nil, deployment.isEnabled(sector: target) else {
            throw Problem("queue.sector-disabled", en: "Sector \"\(target)\" is not served here; choose another.", vi: "Lĩnh vực \"\(target)\" không phục vụ tại đây.",
                          details: [.init(field: "sector", code: "disabled", message: LocalizedText(vi: "Lĩnh vực không phục vụ", en: "Sector not served"))])
        }
        if let counter {
            _ = try servingCounter(counter)
            if counter == old.counter {
                throw Problem("queue.transfer-same-counter", en: "Ticket \(old.number) is already at counter \(counter).", vi: "Số \(old.number) đang ở chính quầy \(counter).",
                              details: [.init(field: "counter", code: "same", message: LocalizedText(vi: "Chọn quầy khác", en: "Choose another counter"))])
            }
        }
        let ms = JournalEntry.milliseconds(now)
        let base = old.transferredFrom.map { String($0) } ?? old.id
        let rootID = base.split(separator: "~").first.map(String.init) ?? base
        // Continuations are named root~1, root~2…: count them through the primary key.
        let hops = try tx.queryFirst("SELECT COUNT(*) AS n FROM queue_standard_tickets WHERE id > ? AND id < ?",
                                     [.text(rootID + "~"), .text(rootID + "\u{7F}")])?.int("n") ?? 0
        let newID = "\(rootID)~\(hops + 1)"
        try tx.execute("UPDATE queue_standard_tickets SET state = 'transferred', finished_ms = ? WHERE id = ?", [.integer(ms), .text(old.id)])
        try tx.execute("""
            INSERT INTO queue_standard_tickets (id, day, sector, seq, number, priority_group, priority_confirmed, state, target_counter,
                place_ms, issued_ms, transferred_from, booking, issuer)
            SELECT ?, day, ?, seq, number, priority_group, priority_confirmed, 'issued', ?, ?, issued_ms, id, booking, ?
            FROM queue_standard_tickets WHERE id = ?
            """, [.text(newID), .text(target), SQLValue(counter), .integer(keepPlace ? stored.placeMs : ms), .text(principal.description), .text(old.id)])
        guard let created = try load(newID, tx) else { throw Problem("queue.internal", status: 500, en: "The transfer was not stored.", vi: "Chưa lưu được việc chuyển.") }
        try journal(tx, now, principal, "ticket.transferred", "ticket:\(old.id)", JSONObject([
            ("number", .string(old.number)), ("fromSector", .string(old.sector)), ("sector", .string(target)), ("counter", Self.text(counter)),
            ("fromCounter", Self.text(old.counter)), ("keepPlace", .bool(keepPlace)), ("newTicket", .string(newID)),
        ]))
        old.state = .transferred
        let next = try withPlace(created, tx)
        let announcement = Announcement(kind: "ticket.transferred", subject: "ticket:\(old.id)",
                                        payload: eventPayload(next, waiting: try waitingCounts(day: next.day ?? day(of: now), sectors: [old.sector, next.sector], tx),
                                                              extra: JSONObject([("from", .string(old.id)), ("fromCounter", Self.text(old.counter))])))
        return (next, announcement)
    }

    static func stateName(_ state: Ticket.State) -> String {
        switch state {
        case .issued: "đang chờ"
        case .called: "đã gọi"
        case .serving: "đang phục vụ"
        case .done: "đã xong"
        case .noShow: "vắng mặt"
        case .transferred: "đã chuyển"
        case .cancelled: "đã hủy"
        }
    }

    // MARK: Counters

    public func pause(counter id: String, reason: String, by principal: Principal) throws -> CounterState {
        guard let counter = deployment.counter(id) else {
            throw Problem("queue.unknown-counter", status: 404, en: "No counter \"\(id)\" in this deployment.", vi: "Không có quầy \"\(id)\".")
        }
        let reason = reason.trimmed()
        guard !reason.isEmpty else {
            throw Problem("queue.pause-reason", en: "Pausing a counter needs a reason.", vi: "Tạm dừng quầy cần nêu lý do.",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Nhập lý do", en: "Give a reason"))])
        }
        let now = context.clock.now
        let announcement: Announcement = try context.store.write { tx in
            if let row = try tx.queryFirst("SELECT paused FROM queue_standard_counters WHERE counter = ?", [.text(id)]), try row.bool("paused") {
                throw Problem("queue.already-paused", status: 409, en: "\(counter.name.en) is already paused.", vi: "\(counter.name.vi) đang tạm dừng rồi.")
            }
            if let busy = try current(atCounter: id, tx) {
                throw Problem("queue.counter-busy", status: 409,
                              en: "\(counter.name.en) still has ticket \(busy.ticket.number); finish or transfer it before pausing.",
                              vi: "\(counter.name.vi) đang phục vụ số \(busy.ticket.number); hãy kết thúc hoặc chuyển trước khi tạm dừng.")
            }
            try tx.execute("""
                INSERT INTO queue_standard_counters (counter, paused, reason, since_ms) VALUES (?, 1, ?, ?)
                ON CONFLICT(counter) DO UPDATE SET paused = 1, reason = excluded.reason, since_ms = excluded.since_ms
                """, [.text(id), .text(String(reason.prefix(200))), .integer(JournalEntry.milliseconds(now))])
            let payload = JSONObject([("counter", .string(id)), ("reason", .string(String(reason.prefix(200))))])
            try journal(tx, now, principal, "counter.paused", "counter:\(id)", payload)
            return Announcement(kind: "counter.paused", subject: "counter:\(id)", payload: payload)
        }
        publish([announcement])
        return try counterStates().first { $0.counter == id } ?? CounterState(counter: id, paused: true, pauseReason: reason)
    }

    public func resume(counter id: String, by principal: Principal) throws -> CounterState {
        guard let counter = deployment.counter(id) else {
            throw Problem("queue.unknown-counter", status: 404, en: "No counter \"\(id)\" in this deployment.", vi: "Không có quầy \"\(id)\".")
        }
        let now = context.clock.now
        let announcement: Announcement = try context.store.write { tx in
            guard let row = try tx.queryFirst("SELECT paused, reason FROM queue_standard_counters WHERE counter = ?", [.text(id)]), try row.bool("paused") else {
                throw Problem("queue.not-paused", status: 409, en: "\(counter.name.en) is not paused.", vi: "\(counter.name.vi) không tạm dừng.")
            }
            try tx.execute("UPDATE queue_standard_counters SET paused = 0, reason = NULL, since_ms = ? WHERE counter = ?",
                           [.integer(JournalEntry.milliseconds(now)), .text(id)])
            let payload = JSONObject([("counter", .string(id)), ("reason", Self.text(try row.optionalString("reason")))])
            try journal(tx, now, principal, "counter.resumed", "counter:\(id)", payload)
            return Announcement(kind: "counter.resumed", subject: "counter:\(id)", payload: payload)
        }
        publish([announcement])
        return try counterStates().first { $0.counter == id } ?? CounterState(counter: id)
    }

    // MARK: Closing

    public func closeDay(by principal: Principal) throws -> DayClosing {
        let now = context.clock.now
        let today = day(of: now)
        let closed: [Ticket] = try context.store.write { tx in
            if try tx.queryFirst("SELECT 1 AS x FROM queue_standard_days WHERE day = ?", [.text(today)]) != nil {
                throw Problem("queue.day-already-closed", status: 409, en: "The queue of \(today) is already closed.",
                              vi: "Hàng đợi ngày \(today) đã được kết thúc.")
            }
            return try close(through: today, markToday: true, now: now, by: principal, tx)
        }
        publish([Announcement(kind: "queue.day-closed", subject: "queue:\(today)",
                              payload: JSONObject([("day", .string(today)), ("closedTickets", Self.int(closed.count)), ("waiting", .object(JSONObject()))]))])
        return DayClosing(day: today, closed: closed)
    }
}
