/// Answering a request without a socket, as the server would.
extension Router {
    /// The 404 the server sends for a path no route has.
    static func notFound(_ path: String) -> HTTPResponse {
        .error(.notFound, code: "http.not-found", message: "No resource at \(path).", messageVi: "Không có tài nguyên tại \(path).")
    }

    /// The 405 (with `Allow`) the server sends when the path exists for other methods.
    static func methodNotAllowed(_ method: HTTPMethod, _ path: String, allowed: [HTTPMethod]) -> HTTPResponse {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        var response = HTTPResponse.error(
            .methodNotAllowed, code: "http.method-not-allowed",
            message: "\(method) is not allowed on \(path); allowed: \(allow).",
            messageVi: "Không cho phép \(method) tại \(path); được phép: \(allow).")
        response.headers.add("Allow", allow)
        return response
    }

    /// Answers one request in this process: the target is checked and decoded as the server
    /// does, the route resolved, the handler run and its error mapped, and a `HEAD` answer
    /// loses its body. The server's own headers (`Date`, `Server`, `Content-Length`,
    /// `Connection`) are not added, and limits on head and body size do not apply.
    ///
    /// For tests (`MotCuaTesting`'s in-process client) and tools that call the router directly.
    public func respond(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1:0", errorMapper: HTTPServer.ErrorMapper = HTTPServer.defaultErrorMapper
    ) async -> HTTPResponse {
        let bytes = Array(target.utf8)
        let parsed: RequestParser.Target
        do {
            parsed = try bytes.withUnsafeBufferPointer { buffer throws(RequestRejection) in try RequestParser.parseTarget(buffer) }
        } catch {
            return error.response
        }
        let request = HTTPRequest(method: method, path: parsed.path, rawPath: parsed.rawPath, rawQuery: parsed.rawQuery,
                                  queryItems: parsed.queryItems, headers: headers, body: body, remoteAddress: remoteAddress)
        return await respond(to: request, errorMapper: errorMapper)
    }

    /// Answers a request already parsed, as the server would: resolved, run, its error mapped,
    /// and a `HEAD` answer without its body. A province server hands each centre's requests
    /// to that centre's router this way.
    public func respond(to request: HTTPRequest, errorMapper: HTTPServer.ErrorMapper = HTTPServer.defaultErrorMapper) async -> HTTPResponse {
        var request = request
        let method = request.method
        var response: HTTPResponse
        switch resolve(method, request.path) {
        case .notFound:
            response = Self.notFound(request.path)
        case .methodNotAllowed(let allowed):
            response = Self.methodNotAllowed(method, request.path, allowed: allowed)
        case .found(let handler, let parameters):
            request.parameters = parameters
            do {
                switch handler {
                case .sync(let run): response = try run(request)
                case .async(let run): response = try await run(request)
                }
            } catch {
                response = errorMapper(error, request)
            }
        }
        if method == .head, case .bytes = response.body { response.body = .bytes([]) }
        return response
    }
}
