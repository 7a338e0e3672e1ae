import MotCuaCore
import MotCuaHTTP

extension HTTPResponse {
    /// The MotCua error shape: `{ "error": { "code", "message", "messageVi", "details" } }`.
    public static func problem(_ problem: Problem) -> HTTPResponse {
        let details: [JSONValue] = problem.details.map { detail in
            .object(JSONObject([
                ("field", .string(detail.field)), ("code", .string(detail.code)),
                ("message", .string(detail.message.en)), ("messageVi", .string(detail.message.vi)),
            ]))
        }
        let body = JSONValue.object(JSONObject([
            ("error", .object(JSONObject([
                ("code", .string(problem.code)), ("message", .string(problem.message.en)),
                ("messageVi", .string(problem.message.vi)), ("details", .array(details)),
            ]))),
        ]))
        return .json(body.serializedBytes(), status: HTTPStatus.motcua(problem.status))
    }

    /// An HTML page; only ``Markup`` is sent as HTML, so every value in it was escaped.
    public static func html(_ page: Markup, status: HTTPStatus = .ok) -> HTTPResponse {
        .html(page.html, status: status)
    }

    /// A JSON response from an ordered JSON value.
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(value.serializedBytes(), status: status)
    }

    /// A JSON response from an `Encodable`, keys in declaration order.
    public static func encoded<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> HTTPResponse {
        .json(try JSONValueEncoder().encode(value), status: status)
    }
}

extension HTTPStatus {
    /// The status for a numeric code, with its standard reason phrase.
    static func motcua(_ code: Int) -> HTTPStatus {
        let reasons = [200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
                       404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
                       422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"]
        return HTTPStatus(code: code, reason: reasons[code] ?? "Status \(code)")
    }
}
