import MotCuaCore

/// The embedded scripts and style sheets, served as one `/assets/app.js` and one `/assets/app.css`.
///
/// Every page gets `api.js` (the `MotCua` send, post and error helpers and the `data-api`
/// forms) and `layout.css`; each kind the deployment composes then adds its own script and
/// sheet from `Resources/<kind>.js` and `Resources/<kind>.css`, in the order of
/// ``PluginKind/allCases``. A deployment ships only the kinds it runs, and each file keeps to
/// its kind: a rule two kinds share belongs in `layout.css`.
enum WebAssets {
    /// `api.js` followed by the script of each kind in `kinds`.
    static func script(for kinds: [PluginKind]) -> [UInt8] {
        joined(PackageResources.api_js, PluginKind.allCases.filter(kinds.contains).map(script))
    }

    /// The centre's icon: the browser tab's, and the answer to `/favicon.ico`.
    static var favicon: [UInt8] { PackageResources.favicon_svg }

    /// `layout.css` followed by the style sheet of each kind in `kinds`.
    static func stylesheet(for kinds: [PluginKind]) -> [UInt8] {
        joined(PackageResources.layout_css, PluginKind.allCases.filter(kinds.contains).map(stylesheet))
    }

    static func script(_ kind: PluginKind) -> [UInt8] {
        switch kind {
        case .queueing: PackageResources.queueing_js
        case .intake: PackageResources.intake_js
        case .payments: PackageResources.payments_js
        case .ratings: PackageResources.ratings_js
        case .reporting: PackageResources.reporting_js
        }
    }

    static func stylesheet(_ kind: PluginKind) -> [UInt8] {
        switch kind {
        case .queueing: PackageResources.queueing_css
        case .intake: PackageResources.intake_css
        case .payments: PackageResources.payments_css
        case .ratings: PackageResources.ratings_css
        case .reporting: PackageResources.reporting_css
        }
    }

    private static func joined(_ shared: [UInt8], _ parts: [[UInt8]]) -> [UInt8] {
        parts.reduce(into: shared) { bundle, part in bundle += Array("\n".utf8) + part }
    }
}
