#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        /// How long the scenario took, environment set-up included.
        public var duration: Duration

        /// Creates an outcome.
        public init(scenario: String, failure: String?, duration: Duration = .zero) {
            self.scenario = scenario
            self.failure = failure
            self.duration = duration
        }

        /// Whether the scenario passed.
        public var passed: Bool { failure == nil }
    }

    /// One figure of the simulated day, e.g. tickets issued or đồng collected.
    public struct Figure: Sendable, Hashable {
        /// A short label, e.g. `tickets`.
        public var name: String
        /// The count or amount (money in đồng).
        public var value: Int64

        /// Creates a figure.
        public init(_ name: String, _ value: Int64) {
            self.name = name
            self.value = value
        }
    }

    /// The outcome of a whole run over one manifest.
    public struct Report: Sendable {
        /// The manifest file.
        public var file: String
        /// The deployment id, once the manifest loaded.
        public var deploymentID: String?
        /// Each scenario's outcome, in run order.
        public var outcomes: [Outcome]
        /// The seed every randomised scenario used; `motcua harness --seed` replays it.
        public var seed: UInt64 = 0
        /// The figures of the simulated day, in display order; empty until a day has run.
        public var figures: [Figure] = []
        /// The whole run's wall time, loading the manifest included.
        public var duration: Duration = .zero

        /// Whether every scenario passed.
        public var passed: Bool { outcomes.allSatisfy(\.passed) }
        /// The scenarios that passed.
        public var passedCount: Int { outcomes.count(where: \.passed) }
        /// The scenarios that failed.
        public var failedCount: Int { outcomes.count - passedCount }
        /// The failures, one line each, with the seed that replays them.
        public var failures: [String] {
            outcomes.compactMap { outcome in outcome.failure.map { "\(outcome.scenario): \($0) (seed \(seed))" } }
        }
    }

    /// The seed used when none is given, so two runs replay alike.
    public static let defaultSeed: UInt64 = 20_261_123

    /// Makes the fresh, empty store each scenario runs on.
    public typealias StoreFactory = @Sendable () throws -> any Store

    private let catalogue: PluginCatalogue
    private let source: any ManifestSource
    private let makeStore: StoreFactory
    /// The seed of every randomised scenario, printed with failures so runs replay.
    public let seed: UInt64

    /// Creates a harness for the plugins of `catalogue`, reading manifests from `source`;
    /// each scenario runs on a store from `makeStore` (an in-memory SQLite store by default).
    public init(catalogue: PluginCatalogue, source: any ManifestSource, seed: UInt64 = DeploymentHarness.defaultSeed,
                makeStore: @escaping StoreFactory = { try SQLiteStore.inMemory() }) {
        self.catalogue = catalogue
        self.source = source
        self.seed = seed
        self.makeStore = makeStore
    }

    /// Runs every scenario for the manifest at `path`.
    public func run(_ path: String) async -> Report {
        let started = ContinuousClock.now
        var report = await scenarios(path)
        report.seed = seed
        report.duration = ContinuousClock.now - started
        return report
    }

    /// Runs several manifests at once, at most `width` at a time, returning reports in `paths` order.
    ///
    /// Each manifest gets its own stores and clocks, so runs share nothing but the catalogue.
    public func run(_ paths: [String], width: Int = ProcessInfo.processInfo.activeProcessorCount) async -> [Report] {
        await withTaskGroup(of: (Int, Report).self) { group in
            var reports = [Report?](repeating: nil, count: paths.count)
            var next = 0
            func startNext() {
                guard next < paths.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.run(paths[index])) }
            }
            for _ in 0..<max(1, width) { startNext() }
            while let (index, report) = await group.next() {
                reports[index] = report
                startNext()
            }
            return reports.compactMap(\.self)
        }
    }

    /// Whether `path` loads as an abstract layer (`"abstract": true`) rather than a deployment.
    ///
    /// A file that does not load is not a layer: running it reports why it failed.
    public func isAbstractLayer(_ path: String) -> Bool {
        (try? catalogue.loader(source: source).load(path))?.isAbstract == true
    }

    private func scenarios(_ path: String) async -> Report {
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
        report.outcomes.append(await scenario("composition") { try await Self.composition(deployment, catalogue: catalogue, store: makeStore()) })
        report.outcomes.append(await scenario("appointments") { try CalendarScenario(deployment: deployment).run() })
        let kinds = Set(deployment.plugins.compactMap { catalogue.descriptor($0.id)?.kind })
        for suite in HarnessSuites.all where kinds.contains(suite.kind) {
            for scenario in suite.scenarios(for: deployment) {
                report.outcomes.append(await self.scenario(scenario.name) {
                    let environment = try HarnessEnvironment(deployment: deployment, catalogue: catalogue, seed: seed, store: makeStore())
                    try await scenario.run(environment)
                })
            }
        }
        var figures: [Figure] = []
        report.outcomes.append(await scenario("simulated day") {
            let environment = try HarnessEnvironment(deployment: deployment, catalogue: catalogue, seed: seed, store: makeStore())
            figures = try await SimulatedDay(environment: environment).run()
        })
        report.figures = figures
        return report
    }

    private func scenario(_ name: String, _ body: () async throws -> Void) async -> Outcome {
        let started = ContinuousClock.now
        do {
            try await body()
            return Outcome(scenario: name, failure: nil, duration: ContinuousClock.now - started)
        } catch let failure as HarnessFailure {
            return Outcome(scenario: name, failure: failure.message, duration: ContinuousClock.now - started)
        } catch let problem as Problem {
            return Outcome(scenario: name, failure: "\(problem.code): \(problem.message.text(.en))", duration: ContinuousClock.now - started)
        } catch {
            return Outcome(scenario: name, failure: "\(error)", duration: ContinuousClock.now - started)
        }
    }

    /// Composes the deployment on a fresh store, starts and stops it, and checks the journal.
    private static func composition(_ deployment: Deployment, catalogue: PluginCatalogue, store: any Store) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
        let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler())
        try await composition.start()
        await composition.stop()
        let verification = try store.verifyJournal()
        try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
    }
}

