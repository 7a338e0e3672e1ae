import MotCuaCore

/// The routes of each plugin kind's contract. The host owns them; they exist only when the
/// deployment composes a plugin of the kind. Each kind's routes live in its own file.
extension Application {
    func kindRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        var routes: [(route: APIRoute, implementation: RouteImplementation)] = []
        if let queue = composition.queueing { routes += queueRoutes(queue) + queuePages(queue) }
        if let intake = composition.intake { routes += intakeRoutes(intake) + intakePages(intake) + erasureRoutes() }
        if !composition.payments.isEmpty { routes += paymentRoutes(composition.payments) + paymentPages(composition.payments) }
        if let ratings = composition.ratings { routes += ratingRoutes(ratings) + ratingPages(ratings) }
        if !composition.reporting.isEmpty { routes += reportRoutes(composition.reporting) + reportPages(composition.reporting) }
        return routes
    }
}
