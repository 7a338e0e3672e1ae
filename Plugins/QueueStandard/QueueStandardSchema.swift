import MotCuaCore

/// The tables of `queue.standard`, prefixed `queue_standard_`.
enum QueueStandardSchema {
    static let migrations = [
        Migration(version: 1, name: "create-queue", statements: [
            """
            CREATE TABLE queue_standard_tickets (
                id TEXT PRIMARY KEY,
                day TEXT NOT NULL,
                sector TEXT NOT NULL,
                seq INTEGER NOT NULL,
                number TEXT NOT NULL,
                priority_group TEXT,
                priority_confirmed INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                counter TEXT,
                clerk TEXT,
                target_counter TEXT,
                place_ms INTEGER NOT NULL,
                issued_ms INTEGER NOT NULL,
                called_ms INTEGER,
                last_called_ms INTEGER,
                started_ms INTEGER,
                finished_ms INTEGER,
                recalls INTEGER NOT NULL DEFAULT 0,
                transferred_from TEXT,
                booking TEXT,
                issuer TEXT NOT NULL,
                idempotency_key TEXT
            )
            """,
            "CREATE INDEX queue_standard_tickets_waiting ON queue_standard_tickets (day, state, sector, priority_group, place_ms)",
            "CREATE INDEX queue_standard_tickets_targeted ON queue_standard_tickets (target_counter, state) WHERE target_counter IS NOT NULL",
            "CREATE INDEX queue_standard_tickets_at_counter ON queue_standard_tickets (counter, state)",
            "CREATE INDEX queue_standard_tickets_key ON queue_standard_tickets (issuer, idempotency_key) WHERE idempotency_key IS NOT NULL",
            "CREATE INDEX queue_standard_tickets_open ON queue_standard_tickets (day) WHERE state IN ('issued', 'called', 'serving')",
            "CREATE INDEX queue_standard_tickets_served ON queue_standard_tickets (sector, state, finished_ms)",
            "CREATE INDEX queue_standard_tickets_calls ON queue_standard_tickets (day, last_called_ms)",
            """
            CREATE TABLE queue_standard_series (
                sector TEXT NOT NULL,
                period TEXT NOT NULL,
                last INTEGER NOT NULL,
                issued INTEGER NOT NULL,
                PRIMARY KEY (sector, period)
            )
            """,
            """
            CREATE TABLE queue_standard_daily (
                day TEXT NOT NULL,
                sector TEXT NOT NULL,
                issued INTEGER NOT NULL,
                PRIMARY KEY (day, sector)
            )
            """,
            """
            CREATE TABLE queue_standard_counters (
                counter TEXT PRIMARY KEY,
                paused INTEGER NOT NULL DEFAULT 0,
                reason TEXT,
                since_ms INTEGER,
                priority_streak INTEGER NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE queue_standard_days (
                day TEXT PRIMARY KEY,
                closed_ms INTEGER NOT NULL,
                closed_tickets INTEGER NOT NULL
            )
            """,
        ]),
    ]

    /// The columns every ticket query selects, in `ticket(from:)` order.
    static let columns = """
        id, day, sector, number, priority_group, priority_confirmed, state, counter, target_counter, place_ms, issued_ms,
        called_ms, last_called_ms, started_ms, finished_ms, recalls, transferred_from, booking
        """

    /// A ticket from a row selected with ``columns``.
    static func ticket(from row: SQLRow) throws -> Ticket {
        var ticket = Ticket(id: try row.string("id"), number: try row.string("number"), sector: try row.string("sector"),
                            priorityGroup: try row.optionalString("priority_group"),
                            state: Ticket.State(rawValue: try row.string("state")) ?? .issued,
                            counter: try row.optionalString("counter"),
                            issuedAt: JournalEntry.date(milliseconds: try row.int64("issued_ms")))
        ticket.day = try row.string("day")
        ticket.priorityConfirmed = try row.bool("priority_confirmed")
        ticket.targetCounter = try row.optionalString("target_counter")
        ticket.calledAt = try row.optionalInt64("called_ms").map(JournalEntry.date(milliseconds:))
        ticket.startedAt = try row.optionalInt64("started_ms").map(JournalEntry.date(milliseconds:))
        ticket.finishedAt = try row.optionalInt64("finished_ms").map(JournalEntry.date(milliseconds:))
        ticket.recalls = try row.int("recalls")
        ticket.transferredFrom = try row.optionalString("transferred_from")
        ticket.booking = try row.optionalString("booking")
        return ticket
    }
}
