#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the host hands a plugin when it builds it: everything a plugin may touch.
///
/// A plugin never reaches for globals: its store, clock, calendar, event sink and logger
/// come from here, so the harness can run it on a temporary store with a manual clock.
public struct HostContext: Sendable {
    /// The resolved deployment the plugin serves.
    public let deployment: Deployment
    /// The centre's database.
    public let store: any Store
    /// The source of "now".
    public let clock: any WallClock
    /// The centre's working calendar.
    public let calendar: WorkingCalendar
    /// Where live events go.
    public let events: any EventSink
    /// A logger labelled with the plugin's id.
    public let logger: Logger
    /// The folder for files a plugin keeps beside the database (intake scans); nil when the
    /// host has none, and then plugins refuse uploads.
    public let dataFolder: URL?
    /// Seals and opens personal values under per-dossier keys (Docs/Privacy.md); nil when the
    /// host gives none, and then plugins that keep personal values refuse to.
    public let personalData: (any PersonalDataVault)?
    /// Where scans and other files go, sealed and flushed to disk; nil when the host keeps
    /// no data folder, and then plugins refuse uploads.
    public let blobs: (any BlobStore)?
    /// Sends HTTP requests to other systems (the national portal); nil when the host gives
    /// none, and then plugins that talk to other systems do not send.
    public let outbound: (any OutboundHTTP)?

    /// Creates a context.
    public init(deployment: Deployment, store: any Store, clock: any WallClock, calendar: WorkingCalendar,
                events: any EventSink, logger: Logger, dataFolder: URL? = nil,
                personalData: (any PersonalDataVault)? = nil, blobs: (any BlobStore)? = nil,
                outbound: (any OutboundHTTP)? = nil) {
        self.deployment = deployment
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.events = events
        self.logger = logger
        self.dataFolder = dataFolder
        self.personalData = personalData
        self.blobs = blobs
        self.outbound = outbound
    }
}
