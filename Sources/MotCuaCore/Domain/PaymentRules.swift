#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which fee lines one collection takes: the rule every payment method follows.
extension FeeQuote {
    /// The lines to collect for `request`, given the line ids already `paid` (or waiting
    /// for a transfer) on this dossier.
    ///
    /// With `request.lines`, each id must be quoted and unpaid; the list may not be empty
    /// nor name a line twice, and the lines come in the caller's order. Without it, every
    /// unpaid line with an amount, in the quote's order. Free lines are never collected;
    /// refuses a collection of nothing (`payments.nothing-due`, or `payments.already-paid`
    /// when everything is paid).
    public func lines(for request: PaymentRequest, paid: Set<String>) throws -> [FeeLine] {
        let chosen: [FeeLine]
        if let wanted = request.lines {
            guard !wanted.isEmpty, Set(wanted).count == wanted.count else {
                throw Problem("payments.lines", en: "List each fee line to collect once.", vi: "Hãy liệt kê mỗi dòng phí cần thu một lần.",
                              details: [.init(field: "lines", code: "invalid", message: LocalizedText(vi: "Danh sách dòng phí", en: "Fee lines"))])
            }
            chosen = try wanted.map { id in
                guard let line = lines.first(where: { $0.id == id }) else {
                    throw Problem("payments.unknown-line", en: "Dossier \(dossierCode) has no fee line \"\(id)\".",
                                  vi: "Hồ sơ \(dossierCode) không có dòng phí \"\(id)\".",
                                  details: [.init(field: "lines", code: "unknown", message: LocalizedText(vi: "Không có dòng phí", en: "No such line"))])
                }
                guard !paid.contains(id) else {
                    throw Problem("payments.already-paid", status: 409,
                                  en: "Fee line \"\(id)\" of dossier \(dossierCode) is already paid or waiting for a transfer.",
                                  vi: "Dòng phí \"\(id)\" của hồ sơ \(dossierCode) đã được thu hoặc đang chờ chuyển khoản.",
                                  details: [.init(field: "lines", code: "paid", message: LocalizedText(vi: "Đã thu", en: "Already paid"))])
                }
                return line
            }
        } else {
            chosen = lines.filter { !paid.contains($0.id) }
        }
        let payable = chosen.filter { $0.amount > 0 }
        guard !payable.isEmpty else {
            let already = !paid.isEmpty
            throw Problem(already ? "payments.already-paid" : "payments.nothing-due", status: 409,
                          en: already ? "Every fee of dossier \(dossierCode) is already paid or waiting for a transfer."
                                      : "Dossier \(dossierCode) has nothing to pay.",
                          vi: already ? "Hồ sơ \(dossierCode) đã thu đủ phí hoặc đang chờ chuyển khoản." : "Hồ sơ \(dossierCode) không phải nộp phí.")
        }
        return payable
    }
}

extension PaymentRequest {
    /// The payer to print: the one asked for (trimmed, at most 200 characters), else `fallback`.
    public func payerName(default fallback: String) -> String {
        let trimmed = payer?.trimmed() ?? ""
        return trimmed.isEmpty ? fallback : String(trimmed.prefix(200))
    }
}

extension Dossier {
    /// Refuses (409 `payments.dossier-refused`) to take fees for a refused or stopped dossier.
    public func refuseFeesIfEnded() throws {
        guard status != .refused, status != .stopped else {
            throw Problem("payments.dossier-refused", status: 409,
                          en: "Dossier \(code) is \(status.rawValue); no fee is collected for it.",
                          vi: "Hồ sơ \(code) đã bị \(status == .refused ? "từ chối" : "dừng giải quyết"); không thu phí.")
        }
    }
}

extension FeeRules {
    /// Quotes `dossier` with these rules and its procedure as `deployment` defines it;
    /// refuses (422 `payments.unknown-procedure`) a procedure the deployment does not define.
    public func quote(dossier: Dossier, in deployment: Deployment, quantities: [String: Int64]) throws -> FeeQuote {
        guard let procedure = deployment.procedure(dossier.procedure) else {
            throw Problem("payments.unknown-procedure", status: 422,
                          en: "Dossier \(dossier.code) is for procedure \(dossier.procedure), which this deployment does not define.",
                          vi: "Hồ sơ \(dossier.code) thuộc thủ tục \(dossier.procedure) không có trong cấu hình.")
        }
        return try quote(dossier: dossier, procedure: procedure, quantities: quantities)
    }

    /// A method's `maximumTotal` setting checked: 50,000,000 đồng when absent, else 1 to
    /// 1,000,000,000; `plugin` names the manifest section.
    public static func maximumTotal(_ value: Int64?, plugin: String) throws -> Int64 {
        let maximum = value ?? 50_000_000
        guard (1...1_000_000_000).contains(maximum) else {
            throw Problem("payments.settings", status: 500,
                          en: "\(plugin): maximumTotal \(maximum) must be 1 to 1,000,000,000 đồng; correct it in the manifest.",
                          vi: "\(plugin): maximumTotal \(maximum) phải từ 1 đến 1.000.000.000 đồng; hãy sửa tệp cấu hình.")
        }
        return maximum
    }

    /// Refuses (400 `payments.amount-absurd`) a collection above the centre's `maximum`.
    public static func refuse(total: Int64, above maximum: Int64) throws {
        guard total <= maximum else {
            throw Problem("payments.amount-absurd", en: "A payment of \(total) đồng is above this centre's limit of \(maximum); check the quantities.",
                          vi: "Khoản thu \(total) đồng vượt mức tối đa \(maximum) đồng của trung tâm; hãy kiểm tra số lượng.",
                          details: [.init(field: "quantities", code: "absurd", message: LocalizedText(vi: "Số tiền bất thường", en: "Absurd amount"))])
        }
    }
}
