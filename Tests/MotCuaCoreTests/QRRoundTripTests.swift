import Foundation
import Testing
import MotCuaCore

/// Renders our SVG to PNG with `rsvg-convert` and reads it back with `zbarimg`: an
/// independent decoder must return exactly the text we encoded.
///
/// Needs Debian's `librsvg2-bin` and `zbar-tools`. Without them the suite is skipped with
/// the reason shown, except under `CI=true`, where a missing tool fails the run instead.
@Suite("QR round trip: our SVG → rsvg-convert → zbarimg")
struct QRRoundTripTests {
    /// A text exactly as long as version `version` holds at `level`, so the smallest
    /// version is the one named and one byte more would not fit.
    static func filling(version: Int, level: QRErrorCorrection = .medium) -> String {
        let count = QRCode.byteCapacity(version: version, errorCorrection: level)
        let alphabet = Array("MotCua-0123456789-abcdefghijklmnopqrstuvwxyz/")
        return String((0..<count).map { alphabet[($0 * 7 + version) % alphabet.count] })
    }

    /// A dynamic VietQR-style EMVCo payload of about 150 characters.
    static let vietQRPayload =
        "00020101021238570010A00000072701270006970403011200110123456780208QRIBFTTA"
        + "530370454061500005802VN5913UBND XA DAO XA6007PHU THO"
        + "62290825HS-2026-000123 LE PHI BAN SAO6304A1B2"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var level: QRErrorCorrection = .medium
        var version: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = [1, 2, 5, 7, 10, 15, 20, 27, 40].map {
        Case(name: "version \($0) full at M", text: filling(version: $0), version: $0)
    } + [
        Case(name: "one character", text: "A", version: 1),
        Case(name: "Vietnamese UTF-8",
             text: "Ủy ban nhân dân xã Đào Xá — Bộ phận Một cửa: Đăng ký khai sinh, số hồ sơ 000.12.34.H56-260105-0001. Nguyễn Thị Hương."),
        Case(name: "VietQR-like payload", text: vietQRPayload),
        Case(name: "level L, version 10", text: filling(version: 10, level: .low), level: .low, version: 10),
        Case(name: "level Q, version 7", text: filling(version: 7, level: .quartile), level: .quartile, version: 7),
        Case(name: "level H, version 5", text: filling(version: 5, level: .high), level: .high, version: 5),
    ]

    @Test("decodes to exactly the input", .enabled(if: QRTools.shouldRun, QRTools.skipReason), arguments: cases)
    func roundTrip(_ testCase: Case) async throws {
        let tools = try #require(QRTools.found, "rsvg-convert or zbarimg missing with CI=true: install librsvg2-bin and zbar-tools")
        let code = try QRCode(encoding: testCase.text, errorCorrection: testCase.level)
        if let version = testCase.version { #expect(code.version == version) }

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("motcua-qr-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svgFile = folder.appendingPathComponent("code.svg")
        let pngFile = folder.appendingPathComponent("code.png")
        try Data(code.svg(moduleSize: 4, title: "QR").utf8).write(to: svgFile)

        let render = try await QRTools.run(tools.rsvgConvert, ["--format=png", "--output", pngFile.path, svgFile.path])
        try #require(render.status == 0, "rsvg-convert failed: \(render.errorText)")
        // -Sbinary: the bytes as encoded, without zbar's guess at a character set.
        let decode = try await QRTools.run(tools.zbarimg, ["--raw", "-q", "-Sbinary", pngFile.path])
        try #require(decode.status == 0, "zbarimg found no code (status \(decode.status)): \(decode.errorText)")
        #expect(decode.output == Data(testCase.text.utf8))
    }

    @Test("CI=true never skips: the tools must be there", .enabled(if: QRTools.required))
    func toolsPresentInCI() {
        #expect(QRTools.found != nil, "CI=true but rsvg-convert/zbarimg are missing; .ci/run installs librsvg2-bin and zbar-tools")
    }
}

/// Finding and running the two Debian tools without blocking the concurrency pool.
enum QRTools {
    struct Paths: Sendable {
        var rsvgConvert: String
        var zbarimg: String
    }

    struct Result: Sendable {
        var status: Int32
        var output: Data
        var errorText: String
    }

    static let found: Paths? = {
        guard let rsvg = executable("rsvg-convert"), let zbar = executable("zbarimg") else { return nil }
        return Paths(rsvgConvert: rsvg, zbarimg: zbar)
    }()

    /// CI sets CI=true; there the round trip must run.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"
    static let shouldRun = found != nil || required
    static let skipReason: Comment =
        "rsvg-convert and zbarimg not found: apt-get install librsvg2-bin zbar-tools (with CI=true this fails instead)"

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool to completion; the wait is a continuation resumed by the termination
    /// handler, and the pipes are drained on Foundation's own threads.
    static func run(_ executable: String, _ arguments: [String]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append(out: $0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collected.append(err: $0.availableData) }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(out: output.fileHandleForReading.readDataToEndOfFile())
        collected.append(err: errors.fileHandleForReading.readDataToEndOfFile())
        var out = collected.out
        // zbarimg ends each symbol with one newline of its own.
        if out.last == UInt8(ascii: "\n") { out.removeLast() }
        return Result(status: status, output: out, errorText: String(decoding: collected.err, as: UTF8.self))
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data(), errData = Data()
        func append(out data: Data) { lock.withLock { outData.append(data) } }
        func append(err data: Data) { lock.withLock { errData.append(data) } }
        var out: Data { lock.withLock { outData } }
        var err: Data { lock.withLock { errData } }
    }
}
