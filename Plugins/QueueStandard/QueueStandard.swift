#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The standard queue: tickets numbered per sector, called to counters by priority group then
/// arrival with an anti-starvation cap, recalls, no-shows, transfers, pauses, daily caps and
/// end-of-day closing, every transition journalled and announced on the `queue` topic.
///
/// All state lives in the plugin's tables, read and changed inside one store transaction per
/// verb, so two counters calling at the same instant never get the same ticket and a restart
/// in the middle of a day loses nothing and keeps numbering.
public struct QueueStandard: QueueingPlugin {
    public static let id: PluginID = "queue.standard"
    public static let version = "1.0.0"
    public static let stability = PluginStability.beta
    public static let summary = LocalizedText(
        vi: "Xếp hàng lấy số theo lĩnh vực, ưu tiên, gọi số tại quầy, bảng hiển thị",
        en: "Sector queues with priority groups, counter calls and a live board")
    public static let migrations = QueueStandardSchema.migrations

    let settings: Resolved
    let context: HostContext

    /// Builds the queue for a deployment; throws a `Problem` naming a bad setting.
    public init(settings: Settings, context: HostContext) throws {
        self.settings = try Resolved(settings, deployment: context.deployment)
        self.context = context
    }

    public var priorityGroups: [PriorityGroup] { settings.groups }

    public var display: QueueDisplay { settings.display }

    public var policy: QueuePolicy {
        QueuePolicy(priorityCap: settings.priorityCap, noShowAfterRecalls: settings.noShowRecalls, noShowAfterSeconds: settings.noShowSeconds,
                    idempotencySeconds: settings.idempotencySeconds, resetsDaily: settings.reset == .daily)
    }
}

extension QueueStandard {
    /// The manifest section `"queue.standard": { … }`; every key is optional.
    ///
    /// ```json
    /// "queue.standard": {
    ///   "numbering": { "start": 1, "end": 999, "reset": "daily" },
    ///   "sectors": { "ho-tich": { "prefix": "TP", "dailyCap": 150 } },
    ///   "dailyCap": 300,
    ///   "priorityGroups": ["elderly", "disabled", "pregnant", "child-under-6", "meritorious"],
    ///   "priorityCap": 2,
    ///   "noShow": { "afterRecalls": 3, "afterSeconds": 300 },
    ///   "idempotencySeconds": 2,
    ///   "estimate": { "recentTickets": 20, "defaultServiceSeconds": 420 },
    ///   "issueMinutesBeforeOpening": 30,
    ///   "display": { "paperWidth": "80mm", "boardRecentCalls": 8, "voice": true }
    /// }
    /// ```
    public struct Settings: Decodable, Sendable {
        /// How numbers run: the range and when they start again.
        public struct Numbering: Decodable, Sendable {
            /// The first number, 1 by default.
            var start: Int?
            /// The last number, 999 by default; its digit count pads every number.
            var end: Int?
            /// `daily` (the default) or `never`: a never-reset series wraps round at its end.
            var reset: Reset?
        }

        /// When a sector's numbers start again.
        public enum Reset: String, Decodable, Sendable {
            case daily, never
        }

        /// One sector's own numbering.
        public struct Sector: Decodable, Sendable {
            /// The number prefix, e.g. `TP` for `TP-015`; letters and digits, at most 4.
            var prefix: String?
            /// Tickets a day for this sector; the kiosk says "hết số" beyond it.
            var dailyCap: Int?
        }

        /// When a called citizen who does not come may be marked absent.
        public struct NoShow: Decodable, Sendable {
            /// Recalls after which a no-show may be recorded (3 by default).
            var afterRecalls: Int?
            /// Seconds after the last call after which a no-show may be recorded, and after
            /// which the next call of the counter records it by itself (300 by default).
            var afterSeconds: Int?
        }

        /// How the wait is estimated.
        public struct Estimate: Decodable, Sendable {
            /// How many recent services of a sector are averaged (20 by default).
            var recentTickets: Int?
            /// The service time assumed before any ticket of the sector is done (420 s).
            var defaultServiceSeconds: Int?
        }

        /// A priority group: a built-in id (`"elderly"`) or `{ "id", "label": { "vi", "en" } }`.
        public struct Group: Decodable, Sendable {
            var id: String
            var label: LocalizedText?

            private enum Keys: String, CodingKey { case id, label }

            public init(from decoder: any Decoder) throws {
                if let single = try? decoder.singleValueContainer(), let id = try? single.decode(String.self) {
                    self.id = id
                    label = nil
                    return
                }
                let container = try decoder.container(keyedBy: Keys.self)
                id = try container.decode(String.self, forKey: .id)
                label = try container.decode(LocalizedText.self, forKey: .label)
            }
        }

        /// How the printed ticket and the board look.
        public struct Display: Decodable, Sendable {
            var ticketHeader: LocalizedText?
            var ticketFooter: LocalizedText?
            var paperWidth: String?
            var showsEstimate: Bool?
            var showsQRCode: Bool?
            var boardRecentCalls: Int?
            var voice: Bool?
            var announcement: LocalizedText?
        }

        var numbering: Numbering?
        var sectors: [String: Sector]?
        var dailyCap: Int?
        var priorityGroups: [Group]?
        var priorityCap: Int?
        var noShow: NoShow?
        var idempotencySeconds: Int?
        var estimate: Estimate?
        var issueMinutesBeforeOpening: Int?
        var display: Display?
    }

    /// The built-in priority groups, in kiosk order.
    static let builtInGroups: [PriorityGroup] = [
        PriorityGroup(id: "elderly", label: LocalizedText(vi: "Người cao tuổi (từ 60 tuổi)", en: "Elderly (60 and over)")),
        PriorityGroup(id: "disabled", label: LocalizedText(vi: "Người khuyết tật", en: "Person with a disability")),
        PriorityGroup(id: "pregnant", label: LocalizedText(vi: "Phụ nữ mang thai", en: "Pregnant woman")),
        PriorityGroup(id: "child-under-6", label: LocalizedText(vi: "Người đi cùng trẻ dưới 6 tuổi", en: "With a child under 6")),
        PriorityGroup(id: "meritorious", label: LocalizedText(vi: "Người có công với cách mạng", en: "Person with meritorious service")),
    ]

    /// The settings checked and filled with defaults.
    struct Resolved: Sendable {
        var start: Int
        var end: Int
        var digits: Int
        var reset: Settings.Reset
        var prefixes: [String: String]
        var caps: [String: Int]
        var groups: [PriorityGroup]
        var priorityCap: Int
        var noShowRecalls: Int
        var noShowSeconds: Int
        var idempotencySeconds: Int
        var recentTickets: Int
        var defaultServiceSeconds: Int
        var minutesBeforeOpening: Int
        var display: QueueDisplay

        init(_ settings: Settings, deployment: Deployment) throws {
            func bad(_ path: String, _ en: String, _ vi: String) -> Problem {
                Problem("queue.settings", status: 500, en: "queue.standard: \(path) \(en); correct it in the manifest.",
                        vi: "queue.standard: \(path) \(vi); hãy sửa trong tệp cấu hình.")
            }
            start = settings.numbering?.start ?? 1
            end = settings.numbering?.end ?? 999
            reset = settings.numbering?.reset ?? .daily
            guard start >= 0, end > start, end <= 99_999 else {
                throw bad("numbering", "must run from a start ≥ 0 to a larger end ≤ 99999 (got \(start)–\(end))",
                          "phải chạy từ số bắt đầu ≥ 0 đến số kết thúc lớn hơn, ≤ 99999 (đang là \(start)–\(end))")
            }
            digits = max(3, String(end).count)
            let sectorSettings = settings.sectors ?? [:]
            for id in sectorSettings.keys.sorted() where deployment.sector(id) == nil {
                throw bad("sectors.\(id)", "names no sector of this deployment", "không phải lĩnh vực của cấu hình này")
            }
            var prefixes: [String: String] = [:]
            for (id, sector) in sectorSettings {
                guard let prefix = sector.prefix else { continue }
                guard prefix.count <= 4, prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw bad("sectors.\(id).prefix", "\"\(prefix)\" must be up to 4 letters or digits",
                              "\"\(prefix)\" phải gồm tối đa 4 chữ cái hoặc chữ số")
                }
                prefixes[id] = prefix.uppercased()
            }
            var used = Set(prefixes.values)
            let enabled = deployment.enabledSectorIDs
            for id in enabled where prefixes[id] != nil {
                if enabled.contains(where: { $0 != id && prefixes[$0] == prefixes[id] }) {
                    throw bad("sectors.\(id).prefix", "\"\(prefixes[id]!)\" is used by another enabled sector",
                              "\"\(prefixes[id]!)\" trùng với lĩnh vực khác đang bật")
                }
            }
            for id in enabled where prefixes[id] == nil {
                let base = String(id.split(separator: "-").compactMap(\.first).prefix(3)).uppercased()
                var candidate = base.isEmpty ? "Q" : base
                var suffix = 2
                while used.contains(candidate) {
                    candidate = (base.isEmpty ? "Q" : base) + String(suffix)
                    suffix += 1
                }
                prefixes[id] = candidate
                used.insert(candidate)
            }
            self.prefixes = prefixes
            var caps: [String: Int] = [:]
            for id in enabled {
                if let cap = sectorSettings[id]?.dailyCap ?? settings.dailyCap { caps[id] = cap }
            }
            for (id, cap) in caps where cap < 1 {
                throw bad("sectors.\(id).dailyCap", "must be at least 1 (got \(cap))", "phải từ 1 trở lên (đang là \(cap))")
            }
            self.caps = caps
            var groups: [PriorityGroup] = []
            for group in settings.priorityGroups ?? Self.defaultGroupSettings {
                if let label = group.label {
                    groups.append(PriorityGroup(id: group.id, label: label))
                } else if let builtIn = QueueStandard.builtInGroups.first(where: { $0.id == group.id }) {
                    groups.append(builtIn)
                } else {
                    throw bad("priorityGroups", "\"\(group.id)\" is not a built-in group (\(QueueStandard.builtInGroups.map(\.id).joined(separator: ", "))); give it a label",
                              "\"\(group.id)\" không phải nhóm có sẵn; hãy khai báo nhãn (label)")
                }
            }
            guard Set(groups.map(\.id)).count == groups.count else {
                throw bad("priorityGroups", "lists a group twice", "có nhóm bị khai báo hai lần")
            }
            self.groups = groups
            priorityCap = settings.priorityCap ?? 2
            noShowRecalls = settings.noShow?.afterRecalls ?? 3
            noShowSeconds = settings.noShow?.afterSeconds ?? 300
            idempotencySeconds = settings.idempotencySeconds ?? 2
            recentTickets = settings.estimate?.recentTickets ?? 20
            defaultServiceSeconds = settings.estimate?.defaultServiceSeconds ?? 420
            minutesBeforeOpening = settings.issueMinutesBeforeOpening ?? 30
            guard priorityCap >= 1 else { throw bad("priorityCap", "must be at least 1", "phải từ 1 trở lên") }
            guard noShowRecalls >= 0, noShowSeconds >= 0 else { throw bad("noShow", "must not be negative", "không được âm") }
            guard (0...60).contains(idempotencySeconds) else { throw bad("idempotencySeconds", "must be 0 to 60", "phải từ 0 đến 60") }
            guard recentTickets >= 1, defaultServiceSeconds >= 1 else { throw bad("estimate", "values must be at least 1", "phải từ 1 trở lên") }
            guard (0...240).contains(minutesBeforeOpening) else { throw bad("issueMinutesBeforeOpening", "must be 0 to 240", "phải từ 0 đến 240") }
            let defaults = QueueDisplay()
            let display = settings.display
            self.display = QueueDisplay(
                ticketHeader: display?.ticketHeader, ticketFooter: display?.ticketFooter,
                paperWidth: display?.paperWidth ?? defaults.paperWidth,
                showsEstimate: display?.showsEstimate ?? defaults.showsEstimate,
                showsQRCode: display?.showsQRCode ?? defaults.showsQRCode,
                boardRecentCalls: display?.boardRecentCalls ?? defaults.boardRecentCalls,
                voice: display?.voice ?? defaults.voice,
                announcement: display?.announcement ?? defaults.announcement)
            guard (1...30).contains(self.display.boardRecentCalls) else {
                throw bad("display.boardRecentCalls", "must be 1 to 30", "phải từ 1 đến 30")
            }
            guard ["58mm", "80mm", "A6", "A5"].contains(self.display.paperWidth) else {
                throw bad("display.paperWidth", "must be 58mm, 80mm, A6 or A5", "phải là 58mm, 80mm, A6 hoặc A5")
            }
        }

        static var defaultGroupSettings: [Settings.Group] {
            QueueStandard.builtInGroups.map { Settings.Group(id: $0.id) }
        }

        /// The printed number of a sequence in a sector, e.g. `TP-015`.
        func number(sector: String, sequence: Int) -> String {
            let padded = sequence.zeroPadded(digits)
            let prefix = prefixes[sector] ?? ""
            return prefix.isEmpty ? padded : "\(prefix)-\(padded)"
        }
    }
}

extension QueueStandard.Settings.Group {
    init(id: String) {
        self.id = id
        label = nil
    }
}
