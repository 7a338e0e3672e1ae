import MotCuaCore
import MotCuaHTTP

extension Application {
    /// The web pages. Filled in with the web shell.
    func pageRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }

    /// What a page answers when the caller may not see it: the sign-in page for citizens.
    func pageRefusal(_ problem: Problem, context: RequestContext) throws -> HTTPResponse {
        .problem(problem)
    }
}
