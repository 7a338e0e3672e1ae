import MotCuaCore

/// Which live-event topics each caller may subscribe to: what its page needs, no more.
///
/// A kiosk or board shows the queue; a rating tablet wakes when its counter finishes a
/// ticket or returns a dossier; clerks follow the queue, dossiers and payments they work
/// on; supervisors and administrators see everything, ratings included.
enum EventTopics {
    /// Every topic the host publishes (the `topic` of plugins' domain events).
    static let all = ["queue", "intake", "payments", "ratings"]

    /// The topics `caller` may subscribe to.
    static func allowed(for caller: Caller) -> Set<String> {
        switch caller {
        case .citizen:
            return []
        case .device(let device):
            switch device.kind {
            case .kiosk, .board, .lookup: return ["queue"]
            case .rating: return ["queue", "intake"]
            }
        case .staff(let account):
            return account.role >= .supervisor ? Set(all) : ["queue", "intake", "payments"]
        }
    }

    /// The topics asked for in `?topics=`, checked against what `caller` may see.
    ///
    /// An unknown name and a name the caller may not see get clear errors; a name is quoted
    /// back only when it is one of ours, so nothing the client wrote reaches a page or log.
    static func requested(_ query: String?, by caller: Caller) throws -> [String] {
        let names = (query ?? "queue").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        let allowed = allowed(for: caller)
        var topics: [String] = []
        for name in names {
            guard all.contains(name) else {
                throw Problem("events.unknown-topic",
                              en: "Unknown live-event topic; the topics are \(all.joined(separator: ", ")).",
                              vi: "Không có chủ đề sự kiện này; các chủ đề là \(all.joined(separator: ", ")).",
                              details: [.init(field: "topics", code: "unknown", message: LocalizedText(vi: "Chủ đề không tồn tại", en: "Unknown topic"))])
            }
            guard allowed.contains(name) else {
                let mine = allowed.sorted().joined(separator: ", ")
                throw Problem("events.topic-forbidden", status: 403,
                              en: "This device or role may not follow \(name); it may follow \(mine.isEmpty ? "none" : mine).",
                              vi: "Thiết bị hoặc vai trò này không được theo dõi \(name); chỉ được theo dõi \(mine.isEmpty ? "không chủ đề nào" : mine).")
            }
            if !topics.contains(name) { topics.append(name) }
        }
        return topics
    }
}
