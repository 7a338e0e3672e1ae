#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How serious a log line is.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, notice, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The short lowercase name printed in log lines.
    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// Where log lines go. The application picks one; libraries and plugins only receive a ``Logger``.
public protocol LogHandler: Sendable {
    /// Writes one line.
    func log(level: LogLevel, label: String, message: String, metadata: [String: String])
}

/// The value-type front end plugins and the host log through.
public struct Logger: Sendable {
    /// The component this logger speaks for, e.g. `queue.standard`.
    public var label: String
    /// Lines below this level are dropped.
    public var minimumLevel: LogLevel
    private let handler: any LogHandler

    /// Creates a logger over a handler.
    public init(label: String, minimumLevel: LogLevel = .info, handler: any LogHandler) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.handler = handler
    }

    /// A logger for a sub-component, sharing the handler.
    public func scoped(_ label: String) -> Logger {
        var copy = self
        copy.label = label
        return copy
    }

    /// Logs a line at `level`.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        guard level >= minimumLevel else { return }
        handler.log(level: level, label: label, message: message(), metadata: metadata)
    }

    /// Logs a debug line.
    public func debug(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) { log(.debug, message(), metadata) }
    /// Logs an informational line.
    public func info(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) { log(.info, message(), metadata) }
    /// Logs a warning.
    public func warning(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) { log(.warning, message(), metadata) }
    /// Logs an error.
    public func error(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) { log(.error, message(), metadata) }
}

/// A handler that drops everything; the default for tests.
public struct SilentLogHandler: LogHandler {
    /// Creates the handler.
    public init() {}
    public func log(level: LogLevel, label: String, message: String, metadata: [String: String]) {}
}
