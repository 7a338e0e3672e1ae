#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore

/// Erases personal data by destroying dossier keys: when the manifest's retention period
/// ends (`motcua retention run`, and daily inside `serve`), or on a citizen's request
/// accepted by a supervisor with a reason (Docs/Privacy.md, "Retention and erasure").
///
/// Each erasure commits the key's destruction with a `personal-data.erased` journal entry;
/// the dossier's sealed values, its journal entries and its statistics stay as they are,
/// and its sealed scans are deleted once the key is gone.
public struct PersonalDataRetention: Sendable {
    let deployment: Deployment
    let store: any Store
    let keys: PersonalDataKeys
    let blobs: SealedFiles?
    let clock: any WallClock

    /// Retention over a composed deployment's store.
    public init(composition: Composition, store: any Store, clock: any WallClock) {
        deployment = composition.deployment
        self.store = store
        keys = composition.personalData
        blobs = composition.blobs
        self.clock = clock
    }

    /// What one run did.
    public struct Summary: Sendable, Hashable {
        /// The subjects whose keys were destroyed, e.g. `dossier:<code>`.
        public var erased: [String] = []
        /// Closed dossiers still within their period (or kept permanently).
        public var kept = 0
        /// Dossiers still open, which retention never touches.
        public var open = 0
    }

    /// Destroys the keys of every closed dossier whose retention period ended by now.
    public func run() throws -> Summary {
        let now = clock.now
        let calendar = deployment.calendar
        var summary = Summary()
        let entries = try store.read { try keys.liveEntries(in: $0) }
        var due: [PersonalDataKeys.Entry] = []
        for entry in entries {
            guard let closed = entry.closedAt else { summary.open += 1; continue }
            if let expiry = deployment.retention.expiry(closedAt: closed, procedure: entry.procedure, sector: entry.sector, calendar: calendar),
               expiry <= now {
                due.append(entry)
            } else {
                summary.kept += 1
            }
        }
        // Batches keep each transaction short on a year's backlog.
        var start = 0
        while start < due.count {
            let batch = Array(due[start..<min(start + 200, due.count)])
            let erased = try store.write { transaction in
                try batch.filter { entry in
                    try keys.erase(entry, reason: "retention",
                                   note: "\(deployment.retention.period(procedure: entry.procedure, sector: entry.sector))",
                                   by: Principal.system.description, at: now, in: transaction)
                }.map(\.subject)
            }
            blobs?.remove(erased.map(SealedFiles.path(of:)))
            summary.erased += erased
            start += batch.count
        }
        return summary
    }

    /// Erases one closed dossier's personal data at the citizen's request: a supervisor's
    /// reason is required and journalled. Refuses an open dossier (its data is still needed
    /// to decide it) and one already erased.
    public func erase(dossier code: String, reason: String, by principal: Principal) throws {
        let reason = reason.trimmed()
        guard reason.count >= 10 else {
            throw Problem("personal-data.reason-required", status: 422,
                          en: "Give the reason for erasing dossier \(code)'s personal data (at least 10 characters), e.g. the citizen's request and the legal basis.",
                          vi: "Hãy ghi lý do xóa dữ liệu cá nhân của hồ sơ \(code) (ít nhất 10 ký tự), ví dụ đơn yêu cầu của công dân và căn cứ pháp lý.",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Bắt buộc ghi lý do", en: "A reason is required"))])
        }
        let subject = "dossier:\(code)"
        let now = clock.now
        try store.write { transaction in
            guard let found = try keys.entry(subject, in: transaction) else {
                throw Problem("personal-data.no-such-dossier", status: 404, en: "No dossier \(code) with personal data here.",
                              vi: "Không có hồ sơ \(code) có dữ liệu cá nhân tại đây.")
            }
            guard found.erasedAt == nil else {
                throw Problem("personal-data.already-erased", status: 409, en: "The personal data of dossier \(code) was already erased.",
                              vi: "Dữ liệu cá nhân của hồ sơ \(code) đã được xóa trước đó.")
            }
            guard found.entry.closedAt != nil else {
                throw Problem("personal-data.dossier-open", status: 409,
                              en: "Dossier \(code) is still open; its data is needed to decide it. Stop or return it first, then erase.",
                              vi: "Hồ sơ \(code) đang giải quyết, còn cần dữ liệu. Hãy dừng hoặc trả kết quả trước rồi mới xóa.")
            }
            try keys.erase(found.entry, reason: "request", note: reason, by: principal.description, at: now, in: transaction)
        }
        blobs?.remove([SealedFiles.path(of: subject)])
    }

    /// Runs ``run()`` once a day at 01:30 in the centre's time zone until the task is
    /// cancelled; a failed run is logged and tried again the next day.
    public func daily(log: @Sendable (String) -> Void) async {
        let calendar = deployment.calendar
        while !Task.isCancelled {
            let now = clock.now
            let today = calendar.local(now).date
            var next = calendar.instant(today, LocalTime(hour: 1, minute: 30)!)
            if next <= now { next = calendar.instant(today.adding(days: 1), LocalTime(hour: 1, minute: 30)!) }
            do {
                try await Task.sleep(for: .seconds(next.timeIntervalSince(now)))
            } catch {
                return
            }
            do {
                let summary = try run()
                log("retention: erased the personal data of \(summary.erased.count) dossier(s); \(summary.kept) kept, \(summary.open) open")
            } catch {
                log("retention: the daily run failed and will be tried tomorrow: \(error)")
            }
        }
    }
}
