import IntakeOneStop
import IntakePortalSync
import IntakePostal
import MotCuaCore
import MotCuaHost
import PaymentsCash
import PaymentsVietQR
import QueueAppointments
import QueueStandard
import RatingsCounter
import ReportingIndex766
import ReportingStandard

/// Every plugin MotCua ships, in one explicit list.
///
/// A plugin is declared here once, with the library product that holds it; `Package.swift`'s
/// `plugins` list is the only other place that names it. `motcua build` links the products
/// a manifest's plugins name, and `motcua check` refuses a descriptor whose product is not
/// the module its plugin is compiled in. Nothing is discovered at run time.
public enum BuiltinPlugins {
    /// The descriptors of the built-in plugins.
    public static let descriptors: [PluginDescriptor] = [
        // Payments
        .payments(PaymentsCash.self, product: "PaymentsCash"),
        .payments(PaymentsVietQR.self, product: "PaymentsVietQR"),
        // queueing
        .queueing(QueueStandard.self, product: "QueueStandard"),
        .queueing(QueueAppointments.self, product: "QueueAppointments"),
        // intake
        .intake(IntakeOneStop.self, product: "IntakeOneStop"),
        .intake(IntakePostal.self, product: "IntakePostal"),
        .intake(IntakePortalSync.self, product: "IntakePortalSync"),
        // ratings and reporting
        .ratings(RatingsCounter.self, product: "RatingsCounter"),
        .reporting(ReportingStandard.self, product: "ReportingStandard"),
        .reporting(ReportingIndex766.self, product: "ReportingIndex766"),
    ]

    /// Kinds every deployment must compose: a centre without a queue or an intake is not a
    /// one-stop centre.
    public static let requiredKinds: Set<PluginKind> = [.queueing, .intake]

    /// The catalogue of this binary.
    public static let catalogue = PluginCatalogue(descriptors, requiredKinds: requiredKinds)
}
