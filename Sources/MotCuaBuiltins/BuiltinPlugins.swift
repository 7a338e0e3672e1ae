import IntakeOneStop
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
/// A plugin issue adds its descriptor here (`.queueing(QueueStandard.self)`) and its
/// product to this target's dependencies. Nothing is discovered at run time.
public enum BuiltinPlugins {
    /// The descriptors of the built-in plugins.
    public static let descriptors: [PluginDescriptor] = [
        // Payments
        .payments(PaymentsCash.self),
        .payments(PaymentsVietQR.self),
        // queueing
        .queueing(QueueStandard.self),
        .queueing(QueueAppointments.self),
        // intake
        .intake(IntakeOneStop.self),
        .intake(IntakePostal.self),
        // ratings and reporting
        .ratings(RatingsCounter.self),
        .reporting(ReportingStandard.self),
        .reporting(ReportingIndex766.self),
    ]

    /// Kinds every deployment must compose: a centre without a queue or an intake is not a
    /// one-stop centre.
    public static let requiredKinds: Set<PluginKind> = [.queueing, .intake]

    /// The library product (and module) of every plugin MotCua ships, by plugin id.
    ///
    /// `motcua build` links exactly the products a manifest names, so a commune's binary
    /// holds only its plugins; the plugin type is named like its module. Lists every
    /// planned plugin, including those whose descriptor has not landed yet.
    public static let products: [PluginID: String] = [
        "queue.standard": "QueueStandard",
        "queue.appointments": "QueueAppointments",
        "intake.onestop": "IntakeOneStop",
        "intake.postal": "IntakePostal",
        "payments.cash": "PaymentsCash",
        "payments.vietqr": "PaymentsVietQR",
        "ratings.counter": "RatingsCounter",
        "reporting.standard": "ReportingStandard",
        "reporting.index766": "ReportingIndex766",
    ]

    /// The catalogue of this binary.
    public static let catalogue = PluginCatalogue(descriptors, requiredKinds: requiredKinds)
}
