import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// The shared harness: runs every scenario that applies to one deployment on a fresh
/// temporary store with a manual clock, and reports each scenario's outcome.
///
/// `swift test` runs it over every manifest under `Deployments/`; provincial IT runs it over
/// theirs. Plugin issues add their kinds' scenarios here.
public struct DeploymentHarness: Sendable {
    /// One scenario's outcome.
    public struct Outcome: Sendable, Hashable {
        /// The scenario's name.
        public var scenario: String
        /// The first broken invariant, or nil when the scenario passed.
        public var failure: String?

        /// Whether the scenario passed.
        public var passed: Bool { failure == nil }
    }

    /// The outcome of a whole run over one manifest.
    public struct Report: Sendable {
        /// The manifest file.
        public var file: String
        /// The deployment id, once the manifest loaded.
        public var deploymentID: String?
        /// Each scenario's outcome, in run order.
        public var outcomes: [Outcome]

        /// Whether every scenario passed.
        public var passed: Bool { outcomes.allSatisfy(\.passed) }
        /// The failures, one line each.
        public var failures: [String] { outcomes.compactMap { outcome in outcome.failure.map { "\(outcome.scenario): \($0)" } } }
    }

    private let catalogue: PluginCatalogue
    private let source: any ManifestSource
    /// The seed of every randomised scenario, printed with failures so runs replay.
    public let seed: UInt64

    /// Creates a harness for the plugins of `catalogue`, reading manifests from `source`.
    public init(catalogue: PluginCatalogue, source: any ManifestSource, seed: UInt64 = 20_261_123) {
        self.catalogue = catalogue
        self.source = source
        self.seed = seed
    }

    /// Runs every scenario for the manifest at `path`.
    public func run(_ path: String) async -> Report {
        var report = Report(file: path, deploymentID: nil, outcomes: [])
        let deployment: Deployment
        do {
            guard let loaded = try catalogue.loader(source: source).load(path).deployment else {
                report.outcomes.append(Outcome(scenario: "manifest", failure: "an abstract layer is not a deployment"))
                return report
            }
            deployment = loaded
        } catch {
            report.outcomes.append(Outcome(scenario: "manifest", failure: error.description))
            return report
        }
        report.deploymentID = deployment.centre.id
        report.outcomes.append(Outcome(scenario: "manifest", failure: nil))
        report.outcomes.append(await scenario("composition") { try await Self.composition(deployment, catalogue: catalogue) })
        report.outcomes.append(await scenario("appointments") { try CalendarScenario(deployment: deployment).run() })
        let kinds = Set(deployment.plugins.compactMap { catalogue.descriptor($0.id)?.kind })
        for suite in HarnessSuites.all where kinds.contains(suite.kind) {
            for scenario in suite.scenarios(for: deployment) {
                report.outcomes.append(await self.scenario(scenario.name) {
                    let environment = try HarnessEnvironment(deployment: deployment, catalogue: catalogue, seed: seed)
                    try await scenario.run(environment)
                })
            }
        }
        return report
    }

    private func scenario(_ name: String, _ body: () async throws -> Void) async -> Outcome {
        do {
            try await body()
            return Outcome(scenario: name, failure: nil)
        } catch let failure as HarnessFailure {
            return Outcome(scenario: name, failure: "\(failure.message) (seed \(seed))")
        } catch {
            return Outcome(scenario: name, failure: "\(error)")
        }
    }

    /// Composes the deployment on a fresh store, starts and stops it, and checks the journal.
    private static func composition(_ deployment: Deployment, catalogue: PluginCatalogue) async throws {
        let store = try SQLiteStore.inMemory()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
        let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler())
        try await composition.start()
        await composition.stop()
        let verification = try store.verifyJournal()
        try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
    }
}

