import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaHTTP
import Testing

@Suite("The portal stand-in's answers")
struct PortalStandInTests {
    /// The stand-in's answer to a POST of `body` to `path`, in process.
    func post(_ standIn: PortalStandIn, _ path: String, _ body: String) async throws -> (status: Int, text: String) {
        guard case .found(let handler, let parameters) = standIn.router().resolve(.post, path) else {
            Issue.record("no route for POST \(path)")
            return (0, "")
        }
        let request = HTTPRequest(method: .post, path: path, body: Array(body.utf8), parameters: parameters)
        let response: HTTPResponse
        switch handler {
        case .sync(let run): response = try run(request)
        case .async(let run): response = try await run(request)
        }
        return (response.status.code, String(decoding: response.bodyBytes, as: UTF8.self))
    }

    @Test("a body that is not JSON is answered with the shared parser's error: where and why, in Vietnamese and English")
    func notJSON() async throws {
        let standIn = PortalStandIn()
        let operation = try await post(standIn, PortalStandIn.servicePath, #"{"session": "x",}"#)
        #expect(operation.text.contains(#""error_code":"-1""#))
        #expect(operation.text.contains("không phải JSON: dòng 1, cột"), "\(operation.text)")
        let control = try await post(standIn, PortalStandIn.controlPath, "{mode: up}")
        #expect(control.status == 400)
        #expect(control.text.contains("json.") && control.text.contains("line 1, column 2") && control.text.contains("dòng 1, cột 2"), "\(control.text)")
        let unknown = try await post(standIn, PortalStandIn.controlPath, #"{"mode": "sideways"}"#)
        #expect(unknown.status == 400 && unknown.text.contains("standin.mode"))
    }
}
