import Foundation
import MotCuaCore

extension TestManifest {
    /// The certification sector with two procedures: `2.000815` (certified copy: a charge of
    /// 2,000 đ a page, `phi-1`, and a fee of 8,000 đ a dossier, `le-phi-1`) and `1.000001`
    /// (free), both done the same day.
    public func pricedProcedures() -> TestManifest {
        sector("chung-thuc", vi: "Chứng thực", en: "Certification")
            .procedure("""
                { "code": "2.000815", "name": { "vi": "Chứng thực bản sao", "en": "Certified copy" }, "sector": "chung-thuc",
                  "deadline": { "unit": "immediate" },
                  "fees": [ { "id": "phi-1", "kind": "phi", "name": { "vi": "Phí chứng thực", "en": "Certification charge" }, "amount": 2000, "per": "page" },
                            { "id": "le-phi-1", "kind": "lePhi", "name": { "vi": "Lệ phí", "en": "Fee" }, "amount": 8000, "per": "dossier" } ] }
                """)
            .procedure(#"{ "code": "1.000001", "name": { "vi": "Miễn phí", "en": "Free" }, "sector": "chung-thuc", "deadline": { "unit": "immediate" } }"#)
    }
}

extension TestHost {
    /// A dossier received now, coded by the deployment's template as the `number`-th of the
    /// day (`A-260302-0001`), for the first procedure unless told otherwise. Not stored:
    /// give it to a plugin, or to ``file(_:)``.
    public func dossier(_ number: Int = 1, procedure: String? = nil, channel: Dossier.Channel = .counter, status: Dossier.Status = .received,
                        applicant: String = "Nguyễn Văn A", formValues: [String: String] = [:]) -> Dossier {
        let code = deployment.dossierCode.code(agency: deployment.centre.agencyCode, unit: deployment.centre.unitCode,
                                               date: calendar.local(clock.now).date, sequence: number)
        return dossier(code: code, procedure: procedure, channel: channel, status: status, applicant: applicant, formValues: formValues)
    }

    /// A dossier with this code received now (see ``dossier(_:procedure:channel:status:applicant:formValues:)``).
    public func dossier(code: String, procedure: String? = nil, channel: Dossier.Channel = .counter, status: Dossier.Status = .received,
                        applicant: String = "Nguyễn Văn A", formValues: [String: String] = [:]) -> Dossier {
        let procedure = procedure ?? deployment.procedures.first?.code ?? ""
        var dossier = Dossier(code: code, procedure: procedure, channel: channel, status: status, applicantName: applicant,
                              formValues: formValues, receivedAt: clock.now, dueAt: clock.now)
        dossier.sector = deployment.procedure(procedure)?.sector ?? ""
        return dossier
    }

    /// Puts `dossier` in the composed ``TestIntake``, where every plugin and route finds it.
    @discardableResult
    public func file(_ dossier: Dossier) throws -> Dossier {
        try plugin(TestIntake.self).file(dossier)
        return dossier
    }
}

extension PaymentOutcome {
    /// The receipt, or nil for a pending transfer.
    public var receipt: Receipt? { if case .receipt(let receipt) = self { receipt } else { nil } }
    /// The pending transfer, or nil for a receipt.
    public var transfer: Transfer? { if case .pending(let transfer) = self { transfer } else { nil } }
}
