/// A procedure's deadline for each channel a dossier can arrive by.
///
/// The national portal gives some procedures a different deadline online or by post
/// (DOMAIN.md, "Deadlines by channel"). The counter's deadline is the base; a channel
/// without its own figure falls back to it (and `motcua check` warns when the procedure
/// lists some channels but not that one).
public struct ChannelDeadlines: Sendable, Hashable {
    /// The deadline at the counter: the procedure's (or case's) `deadline`.
    public var counter: Deadline
    /// The values that differ by channel, in the counter deadline's unit.
    public var values: [Dossier.Channel: Int]

    /// Creates the deadlines of each channel.
    public init(counter: Deadline, values: [Dossier.Channel: Int] = [:]) {
        self.counter = counter
        self.values = values
    }

    /// The deadline for a dossier received by `channel`.
    public func deadline(for channel: Dossier.Channel) -> Deadline {
        guard let value = values[channel], counter.unit != .immediate else { return counter }
        return Deadline(value: value, unit: counter.unit, cutoff: counter.cutoff)
    }

    /// Whether the deadline of `channel` is the counter's only because none was given.
    public func fallsBack(_ channel: Dossier.Channel) -> Bool {
        !values.isEmpty && values[channel] == nil && channel != .counter
    }
}

/// A case (trường hợp) of a procedure: its own name and deadline, picked by the clerk at reception.
///
/// Example, 1.004859: supplementing civil-status information is same-day with a 15:00
/// cut-off, changing or correcting it takes 3 working days, a case needing verification up
/// to 6. A cut-off belongs to the case that has it.
public struct ProcedureCase: Sendable, Hashable, Identifiable {
    /// The case id within the procedure, e.g. `bo-sung`.
    public var id: String
    /// The case's name on the reception form, forms 01 and 07.
    public var name: LocalizedText
    /// The deadline of each channel for this case.
    public var deadlines: ChannelDeadlines
    /// Whether reception preselects this case (at most one per procedure).
    public var isDefault: Bool

    /// Creates a case.
    public init(id: String, name: LocalizedText, deadlines: ChannelDeadlines, isDefault: Bool = false) {
        self.id = id
        self.name = name
        self.deadlines = deadlines
        self.isDefault = isDefault
    }
}

extension Procedure {
    /// The case reception preselects: the one marked default, or the only one.
    public var defaultCase: ProcedureCase? {
        cases.count == 1 ? cases.first : cases.first(where: \.isDefault)
    }

    /// The case a dossier is received under: `id` when given, else the default.
    ///
    /// Throws `intake.unknown-case` for an id the procedure does not have, and
    /// `intake.case-required` when the procedure has several cases, none chosen and no default.
    public func resolveCase(_ id: String?) throws(Problem) -> ProcedureCase? {
        if let id, !id.isEmpty {
            guard let found = cases.first(where: { $0.id == id }) else {
                let known = cases.map(\.id).joined(separator: ", ")
                throw Problem("intake.unknown-case", status: 422,
                              en: "Procedure \(code) has no case \"\(id)\"; choose one of: \(known.isEmpty ? "none (omit case)" : known).",
                              vi: "Thủ tục \(code) không có trường hợp \"\(id)\"; hãy chọn một trong: \(known.isEmpty ? "không có (bỏ trống)" : known).",
                              details: [.init(field: "case", code: "unknown", message: LocalizedText(vi: "Trường hợp không có trong thủ tục", en: "Not a case of this procedure"))])
            }
            return found
        }
        if cases.isEmpty { return nil }
        guard let chosen = defaultCase else {
            throw Problem("intake.case-required", status: 422,
                          en: "Procedure \(code) has \(cases.count) cases with their own deadlines; choose one in \"case\": \(cases.map(\.id).joined(separator: ", ")).",
                          vi: "Thủ tục \(code) có \(cases.count) trường hợp với thời hạn riêng; hãy chọn trường hợp: \(cases.map(\.name.vi).joined(separator: "; ")).",
                          details: [.init(field: "case", code: "required", message: LocalizedText(vi: "Chọn trường hợp", en: "Choose the case"))])
        }
        return chosen
    }

    /// The deadline that applies to a dossier of `procedureCase` (or the procedure's own) received by `channel`.
    public func deadline(case procedureCase: ProcedureCase?, channel: Dossier.Channel) -> Deadline {
        (procedureCase?.deadlines ?? channelDeadlines).deadline(for: channel)
    }

    /// The procedure's own deadlines by channel (used when it has no cases).
    public var channelDeadlines: ChannelDeadlines {
        ChannelDeadlines(counter: deadline, values: deadlineByChannel)
    }
}

extension Dossier.Channel {
    /// How the manifest reference describes the channel.
    var manifestDoc: String {
        switch self {
        case .counter: "at the counter (equals value when both are given)"
        case .online: "online (trực tuyến)"
        case .postal: "by post (bưu chính)"
        }
    }
}
