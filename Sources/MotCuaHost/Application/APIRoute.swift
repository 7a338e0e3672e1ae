import MotCuaCore
import MotCuaHTTP

/// One route of the host: method, path, who may call it, and what it is for.
///
/// The router, the OpenAPI document and the access tests are all built from the same list,
/// so the document cannot drift from the routes.
public struct APIRoute: Sendable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path pattern, with `:name` parameters.
    public var path: String
    /// Who may call it.
    public var access: Access
    /// One line for the document.
    public var summary: String
    /// The OpenAPI tag.
    public var tag: String
    /// Whether the route answers HTML (a page) rather than JSON.
    public var isPage: Bool
    /// The JSON body the route expects, as an OpenAPI schema, if any.
    public var requestSchema: JSONValue?
    /// Example values for path parameters, used by tests that call every route.
    public var exampleParameters: [String: String]
    /// For a page whose answer to a citizen depends only on the deployment, the language and
    /// these query items: it is rendered once per distinct query and reused. A request with
    /// any other query item (a dossier code, say) is rendered every time. Nil: never reused.
    public var rendersOnceFor: Set<String>? = nil
}

/// What a handler receives: the request, who is calling and in which language.
public struct RequestContext: Sendable {
    /// The HTTP request.
    public let request: HTTPRequest
    /// Who is calling.
    public let caller: Caller
    /// The language to answer in.
    public let language: Language

    /// A path parameter, e.g. `id` for `/api/v1/staff/:id/disable`.
    public func parameter(_ name: String) -> String {
        request.parameters[name] ?? ""
    }

    /// The address of the client that sent the request: the peer, or behind a trusted proxy
    /// the address it forwarded (see ``Application/clientAddress(of:)``).
    public var clientAddress: String = ""

    /// The JSON body decoded strictly into `T`; errors name the field.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !request.body.isEmpty else {
            throw Problem("request.body-missing", en: "This request needs a JSON body.", vi: "Yêu cầu này cần nội dung JSON.")
        }
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw Problem("request.content-type", status: 415, en: "Send the body as application/json.",
                          vi: "Hãy gửi nội dung dạng application/json.")
        }
        do {
            let value = try JSONParser().parse(request.body)
            try TextInput.check(value)
            return try JSONValueDecoder().decode(T.self, from: value)
        } catch let error as JSONSyntaxError {
            throw Problem("request.invalid-json", en: "The body is not valid JSON: \(error.description)",
                          vi: "Nội dung không phải JSON hợp lệ: \(error.descriptionVi)")
        } catch let error as JSONDecodingError {
            let field = error.path.isRoot ? "body" : error.path.description
            throw Problem("request.invalid-field", en: "\(field): \(error.message)", vi: "\(field): \(error.messageVi)",
                          details: [.init(field: field, code: error.code, message: LocalizedText(vi: error.messageVi, en: error.message))])
        }
    }
}

/// A handler of a host route.
public typealias RouteHandler = @Sendable (RequestContext) async throws -> HTTPResponse
