import Foundation
import MotCuaCore
import MotCuaTesting
import Testing

/// The worked table of Docs/Intake.md: ten real procedures received at chosen instants, in a
/// centre open Monday–Friday 07:30–11:30 and 13:30–17:00 with the official swap days.
@Suite("Docs/Intake.md worked table")
struct WorkedTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var procedure: String
        var received: LocalDate
        var hour: Int
        var minute: Int
        var due: LocalDate
        var testDescription: String { "\(procedure) received \(received) \(hour):\(minute)" }
    }

    static let rows: [Row] = [
        Row(procedure: "1.001193", received: day(2026, 3, 4), hour: 14, minute: 40, due: day(2026, 3, 4)),
        Row(procedure: "2.000815", received: day(2026, 3, 6), hour: 15, minute: 20, due: day(2026, 3, 9)),
        Row(procedure: "1.004873", received: day(2026, 4, 24), hour: 10, minute: 0, due: day(2026, 5, 4)),
        Row(procedure: "1.001612", received: day(2027, 2, 3), hour: 16, minute: 0, due: day(2027, 2, 15)),
        Row(procedure: "1.013978", received: day(2026, 8, 24), hour: 9, minute: 0, due: day(2026, 10, 5)),
        Row(procedure: "1.012812", received: day(2026, 3, 20), hour: 9, minute: 0, due: day(2026, 4, 20)),
        Row(procedure: "2.001263", received: day(2027, 1, 8), hour: 9, minute: 0, due: day(2027, 2, 12)),
        Row(procedure: "1.011607", received: day(2026, 3, 7), hour: 9, minute: 0, due: day(2026, 3, 24)),
        Row(procedure: "1.001699", received: day(2026, 12, 28), hour: 9, minute: 0, due: day(2027, 2, 2)),
        Row(procedure: "1.004845", received: day(2026, 3, 6), hour: 18, minute: 0, due: day(2026, 3, 11)),
    ]

    @Test("each row's appointment date", arguments: rows)
    func appointment(_ row: Row) throws {
        let sectors = #""ho-tich", "chung-thuc", "kinh-doanh", "dat-dai", "nuoi-con-nuoi", "bao-tro-xa-hoi", "giam-ngheo""#
        let bench = try intakeHost(testManifest().replacingOccurrences(of: #""ho-tich", "chung-thuc", "kinh-doanh""#, with: sectors))
        bench.set(row.received, row.hour, row.minute)
        let procedure = try #require(bench.deployment.procedure(row.procedure))
        var values = applicant
        for (field, _) in bench.deployment.form(for: procedure) where values[field.id] == nil {
            switch field.type {
            case .text: values[field.id] = field.id.hasPrefix("land.") ? "12" : "Nguyễn Văn Bình"
            case .date: values[field.id] = "2020-01-01"
            case .enum: values[field.id] = field.options?.first?.value
            case .number: values[field.id] = "12"
            case .money: values[field.id] = "1.000.000"
            case .address: values[field.id] = "Số 1, thôn Mẫu"
            default: break
            }
        }
        let dossier = try bench.intake.receive(IntakeRequest(procedure: row.procedure, formValues: values), by: clerk)
        #expect(bench.calendar.local(dossier.dueAt).date == row.due)
        #expect(bench.calendar.local(dossier.dueAt).time == LocalTime(hour: 17, minute: 0))
    }
}
