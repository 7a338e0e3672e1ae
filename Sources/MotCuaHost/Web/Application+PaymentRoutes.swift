import Foundation
import MotCuaCore
import MotCuaHTTP

/// The payments contract's routes and pages.
extension Application {
    func paymentRoutes(_ methods: [any PaymentsPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }

    /// The payment pages (cashier's day, receipts).
    func paymentPages(_ methods: [any PaymentsPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }
}
