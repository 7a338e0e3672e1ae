#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Harness reports as JUnit XML, the format CI servers read: one `testsuite` per deployment,
/// one `testcase` per scenario, a `failure` naming the invariant and the seed that replays it.
public enum JUnitReport {
    /// The XML document for `reports`.
    ///
    /// Every message is escaped, and characters XML 1.0 cannot carry (control characters)
    /// become U+FFFD, so a plugin's odd error text never makes the report unreadable.
    public static func xml(_ reports: [DeploymentHarness.Report], name: String = "motcua harness") -> String {
        let tests = reports.map(\.outcomes.count).reduce(0, +)
        let failures = reports.map(\.failedCount).reduce(0, +)
        let time = reports.map(\.duration).reduce(.zero, +)
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"\(seconds(time))\">"]
        for report in reports {
            let suite = report.deploymentID ?? report.file
            lines.append("  <testsuite name=\"\(escape(suite))\" tests=\"\(report.outcomes.count)\" failures=\"\(report.failedCount)\" "
                         + "errors=\"0\" skipped=\"0\" time=\"\(seconds(report.duration))\">")
            lines.append("    <properties>")
            lines.append("      <property name=\"file\" value=\"\(escape(report.file))\"/>")
            lines.append("      <property name=\"seed\" value=\"\(report.seed)\"/>")
            for figure in report.figures {
                lines.append("      <property name=\"day.\(escape(figure.name))\" value=\"\(figure.value)\"/>")
            }
            lines.append("    </properties>")
            for outcome in report.outcomes {
                let open = "    <testcase classname=\"\(escape(suite))\" name=\"\(escape(outcome.scenario))\" time=\"\(seconds(outcome.duration))\""
                if let failure = outcome.failure {
                    let replay = "motcua harness \(report.file) --seed \(report.seed)"
                    lines.append(open + ">")
                    lines.append("      <failure message=\"\(escape(failure))\" type=\"invariant\">"
                                 + escape("\(outcome.scenario): \(failure)\nseed \(report.seed); replay: \(replay)") + "</failure>")
                    lines.append("    </testcase>")
                } else {
                    lines.append(open + "/>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside an XML attribute or element.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\n": escaped += "&#10;"
            case "\t", "\r": escaped += "&#\(scalar.value);"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value.fixed(3)
    }
}
