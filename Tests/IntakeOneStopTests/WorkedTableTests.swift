import Foundation
import MotCuaCore
import MotCuaTesting
import Testing
import MotCuaPostgresTesting

/// The worked table of Docs/Intake.md: fifteen receptions of real procedures at chosen
/// instants, in a centre open Monday–Friday 07:30–11:30 and 13:30–17:00 with the official
/// swap days: five procedures with cases, five online or postal receptions, five across
/// Tết 2027, 30/4–1/5 2027 and 2/9 2026. Each row carries the rule that decides it.
@Suite("Docs/Intake.md worked table", .onEachEngine)
struct WorkedTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var procedure: String
        var procedureCase: String?
        var channel: Dossier.Channel = .counter
        var received: LocalDate
        var hour: Int
        var minute: Int
        var due: LocalDate
        var rule: String
        var testDescription: String { "\(procedure)\(procedureCase.map { " (\($0))" } ?? "") \(channel.rawValue) received \(received) \(hour):\(minute)" }
    }

    static let rows: [Row] = [
        // Procedures with cases: the clerk's case decides the deadline and whether a cut-off applies.
        Row(procedure: "1.004859", procedureCase: "thay-doi-cai-chinh", received: day(2026, 3, 11), hour: 16, minute: 59, due: day(2026, 3, 16),
            rule: "3 working days from the next day whatever the hour (Civil Code art. 147); the 15:00 cut-off is the supplement case's"),
        Row(procedure: "1.004859", procedureCase: "bo-sung", received: day(2026, 3, 11), hour: 16, minute: 59, due: day(2026, 3, 12),
            rule: "same day; received after the case's 15:00 cut-off, so the next working day"),
        Row(procedure: "1.004859", procedureCase: "xac-minh", received: day(2026, 3, 11), hour: 10, minute: 0, due: day(2026, 3, 19),
            rule: "verification: 6 working days, Thu 12/03 to Thu 19/03"),
        Row(procedure: "1.000894", procedureCase: "xac-minh", received: day(2026, 4, 24), hour: 9, minute: 0, due: day(2026, 5, 6),
            rule: "verification: 5 working days; Mon 27/04 (Hùng Kings compensated), 30/04 and 01/05 are skipped"),
        Row(procedure: "2.000815", procedureCase: "phuc-tap", received: day(2026, 3, 6), hour: 15, minute: 20, due: day(2026, 3, 10),
            rule: "complex copies: 2 working days from the next day; the ordinary case's cut-off does not apply"),
        // Channels: the portal's figure for the channel received.
        Row(procedure: "1.013978", channel: .online, received: day(2026, 3, 2), hour: 9, minute: 0, due: day(2026, 3, 25),
            rule: "online: 17 working days (27 at the counter)"),
        Row(procedure: "1.013978", channel: .postal, received: day(2026, 3, 2), hour: 9, minute: 0, due: day(2026, 3, 30),
            rule: "by post: 20 working days"),
        Row(procedure: "1.012812", channel: .postal, received: day(2026, 3, 20), hour: 9, minute: 0, due: day(2026, 4, 20),
            rule: "by post: 30 days, the 30th is Sun 19/04, moved to the next working day (art. 148)"),
        Row(procedure: "1.012812", channel: .online, received: day(2026, 3, 20), hour: 9, minute: 0, due: day(2026, 4, 29),
            rule: "online: no figure, so the counter's 40 days (motcua check warns)"),
        Row(procedure: "1.013949", channel: .postal, received: day(2026, 4, 17), hour: 9, minute: 0, due: day(2026, 5, 4),
            rule: "15 days for every channel; the 15th is Sat 02/05, moved to Mon 04/05"),
        // Holidays.
        Row(procedure: "1.004859", procedureCase: "bo-sung", received: day(2027, 2, 4), hour: 16, minute: 10, due: day(2027, 2, 12),
            rule: "after the cut-off on the last day before Tết 2027 (off Fri 05/02 – Thu 11/02): the next working day"),
        Row(procedure: "1.001022", procedureCase: "xac-minh", received: day(2027, 2, 1), hour: 9, minute: 0, due: day(2027, 2, 18),
            rule: "8 working days: 3 before Tết 2027, 5 after it"),
        Row(procedure: "1.004884", received: day(2027, 4, 28), hour: 10, minute: 0, due: day(2027, 5, 7),
            rule: "5 working days: Fri 30/04 off, Sat 01/05 compensated on Mon 03/05"),
        Row(procedure: "1.011607", received: day(2027, 4, 15), hour: 9, minute: 0, due: day(2027, 5, 4),
            rule: "15 days end Fri 30/04, a holiday; 01/05 and its compensation Mon 03/05 too: Tue 04/05"),
        Row(procedure: "1.013978", channel: .online, received: day(2026, 8, 20), hour: 9, minute: 0, due: day(2026, 9, 16),
            rule: "online, 17 working days: make-up Sat 22/08 counts; 31/08 (swapped), 01/09 and 02/09 do not"),
    ]

    @Test("each row's appointment date", arguments: rows)
    func appointment(_ row: Row) throws {
        let sectors = #""ho-tich", "chung-thuc", "kinh-doanh", "dat-dai", "nuoi-con-nuoi", "bao-tro-xa-hoi", "giam-ngheo""#
        let bench = try intakeHost(testManifest().replacingOccurrences(of: #""ho-tich", "chung-thuc", "kinh-doanh""#, with: sectors))
        bench.set(row.received, row.hour, row.minute)
        let procedure = try #require(bench.deployment.procedure(row.procedure))
        let values = Self.filled(procedure, bench)
        let request = IntakeRequest(procedure: row.procedure, case: row.procedureCase, channel: row.channel, formValues: values)
        let dossier = try bench.intake.receive(request, by: clerk)
        #expect(bench.calendar.local(dossier.dueAt).date == row.due, "\(row.rule)")
        #expect(bench.calendar.local(dossier.dueAt).time == LocalTime(hour: 17, minute: 0))
        #expect(dossier.procedureCase == row.procedureCase ?? procedure.defaultCase?.id)
        #expect(try bench.intake.dossier(code: dossier.code)?.procedureCase == dossier.procedureCase, "the case is stored")
    }

    /// The applicant, and a valid value for every other field the procedure's form has.
    static func filled(_ procedure: Procedure, _ bench: TestHost) -> [String: String] {
        var values = applicant
        for (field, _) in bench.deployment.form(for: procedure) where values[field.id] == nil {
            switch field.type {
            case .text: values[field.id] = field.id.hasPrefix("land.") ? "12" : "Nguyễn Văn Bình"
            case .date: values[field.id] = "1990-05-04"
            case .citizenID: values[field.id] = "001090012345"
            case .enum: values[field.id] = field.options?.first?.value
            case .number: values[field.id] = "12"
            case .money: values[field.id] = "1.000.000"
            case .address: values[field.id] = "Số 1, thôn Mẫu"
            default: break
            }
        }
        return values
    }

    @Test("a procedure with several cases and no default asks for one; an unknown case is refused")
    func caseChoice() throws {
        let bench = try intakeHost()
        bench.set(day(2026, 3, 11), 10)
        #expect { try bench.intake.receive(IntakeRequest(procedure: "1.004859", formValues: applicant), by: clerk) } throws: { error in
            (error as? Problem)?.code == "intake.case-required" && (error as? Problem)?.details.first?.field == "case"
        }
        #expect { try bench.intake.receive(IntakeRequest(procedure: "1.004859", case: "khong-co", formValues: applicant), by: clerk) } throws: { error in
            guard let problem = error as? Problem else { return false }
            return problem.code == "intake.unknown-case" && problem.status == 422 && problem.message.vi.contains("bo-sung")
        }
        #expect { try bench.intake.receive(IntakeRequest(procedure: "1.001193", case: "bo-sung", formValues: applicant), by: clerk) } throws: { error in
            (error as? Problem)?.code == "intake.unknown-case"
        }
        // With a default, leaving the case out takes it.
        let copy = try #require(bench.deployment.procedure("2.000815"))
        let defaulted = try bench.intake.receive(IntakeRequest(procedure: "2.000815", formValues: Self.filled(copy, bench)), by: clerk)
        #expect(defaulted.procedureCase == "thong-thuong")
    }
}
