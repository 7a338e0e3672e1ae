import MotCuaCore

/// The OpenAPI 3.1 document of a deployment's routes, generated from the route table.
public enum OpenAPIDocument {
    /// The document for `routes`.
    public static func make(routes: [APIRoute], deployment: Deployment, version: String) -> JSONValue {
        var paths = JSONObject()
        for route in routes {
            let path = openAPIPath(route.path)
            var item = paths[path]?.objectValue ?? JSONObject()
            item[route.method.rawValue.lowercased()] = .object(operation(route))
            paths[path] = .object(item)
        }
        let info = JSONObject([
            ("title", .string("MotCua — \(deployment.centre.name.en)")),
            ("version", .string(version)),
            ("description", .string("The HTTP API of one MotCua centre. Errors are always "
                + "{ \"error\": { \"code\", \"message\", \"messageVi\", \"details\" } }. Staff sign in with POST /api/v1/session "
                + "(HttpOnly cookie); devices pair with POST /api/v1/devices/pair and send their token as a cookie or a Bearer header.")),
        ])
        let errorSchema = object(["code": "string", "message": "string", "messageVi": "string"], required: ["code", "message", "messageVi"])
        var errorObject = errorSchema.objectValue ?? JSONObject()
        var properties = errorObject["properties"]?.objectValue ?? JSONObject()
        properties["details"] = .object(JSONObject([
            ("type", .string("array")),
            ("items", object(["field": "string", "code": "string", "message": "string", "messageVi": "string"], required: ["field", "code"])),
        ]))
        errorObject["properties"] = .object(properties)
        let components = JSONObject([
            ("schemas", .object(JSONObject([
                ("Error", .object(JSONObject([
                    ("type", .string("object")),
                    ("properties", .object(JSONObject([("error", .object(errorObject))]))),
                    ("required", .array([.string("error")])),
                ]))),
            ]))),
            ("securitySchemes", .object(JSONObject([
                ("staffSession", .object(JSONObject([("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string(Cookies.session))]))),
                ("deviceToken", .object(JSONObject([("type", .string("http")), ("scheme", .string("bearer"))]))),
            ]))),
        ])
        return .object(JSONObject([
            ("openapi", .string("3.1.0")),
            ("info", .object(info)),
            ("paths", .object(paths)),
            ("components", .object(components)),
        ]))
    }

    /// `/api/v1/staff/:id/disable` → `/api/v1/staff/{id}/disable`.
    public static func openAPIPath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    /// A simple object schema with string-typed or otherwise typed properties.
    static func object(_ properties: [String: String], required: [String]) -> JSONValue {
        var props = JSONObject()
        for (name, type) in properties.sorted(by: { $0.key < $1.key }) { props[name] = .object(JSONObject([("type", .string(type))])) }
        var schema = JSONObject([("type", .string("object")), ("properties", .object(props)), ("additionalProperties", .bool(false))])
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    private static func operation(_ route: APIRoute) -> JSONObject {
        var operation = JSONObject()
        operation["operationId"] = .string(operationID(route))
        operation["summary"] = .string(route.summary)
        operation["tags"] = .array([.string(route.tag)])
        operation["x-motcua-access"] = .string(route.access.summary)
        switch route.access {
        case .anyone: operation["security"] = .array([])
        case .staff: operation["security"] = .array([.object(JSONObject([("staffSession", .array([]))]))])
        case .device: operation["security"] = .array([.object(JSONObject([("deviceToken", .array([]))]))])
        case .staffOrDevice:
            operation["security"] = .array([.object(JSONObject([("staffSession", .array([]))])), .object(JSONObject([("deviceToken", .array([]))]))])
        }
        let parameters: [JSONValue] = route.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { segment in
            .object(JSONObject([("name", .string(String(segment.dropFirst()))), ("in", .string("path")), ("required", .bool(true)),
                                ("schema", .object(JSONObject([("type", .string("string"))])))]))
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let schema = route.requestSchema {
            operation["requestBody"] = .object(JSONObject([
                ("required", .bool(true)),
                ("content", .object(JSONObject([("application/json", .object(JSONObject([("schema", schema)])))]))),
            ]))
        }
        let success: JSONObject
        if route.isPage {
            success = JSONObject([("description", .string("An HTML page")),
                                  ("content", .object(JSONObject([("text/html", .object(JSONObject()))])))])
        } else if route.path == "/api/v1/events" {
            success = JSONObject([("description", .string("An event stream")),
                                  ("content", .object(JSONObject([("text/event-stream", .object(JSONObject()))])))])
        } else {
            success = JSONObject([("description", .string("Success")),
                                  ("content", .object(JSONObject([("application/json", .object(JSONObject([("schema", .object(JSONObject([("type", .string("object"))])))])))])))])
        }
        let error = JSONValue.object(JSONObject([
            ("description", .string("An error in the MotCua shape")),
            ("content", .object(JSONObject([("application/json", .object(JSONObject([("schema", .object(JSONObject([("$ref", .string("#/components/schemas/Error"))])))])))]))),
        ]))
        operation["responses"] = .object(JSONObject([("200", .object(success)), ("default", error)]))
        return operation
    }

    /// A unique camel-case id from the method and the path: `getTicketsById` for the API,
    /// `getPageRegister` for the page `/register` beside the API's `getRegister`, `getPageRoot` for `/`.
    private static func operationID(_ route: APIRoute) -> String {
        let words = route.path.split(separator: "/").filter { $0 != "api" && $0 != "v1" }.map { segment in
            let parts = segment.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
            return segment.hasPrefix(":") ? "By" + parts : parts
        }
        let page = route.path.hasPrefix("/api/") ? "" : "Page"
        return route.method.rawValue.lowercased() + page + (words.isEmpty ? "Root" : words.joined())
    }
}
