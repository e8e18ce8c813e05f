// SPDX-License-Identifier: GPL-3.0-or-later

/// A check's result: a typed message with a severity and a location (after swift-format's `Finding`).
/// Checks return findings; the CLI decides the exit code.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error
        case warning
        case note
        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }
    public var severity: Severity
    /// Stable machine-readable code, e.g. "unknown-key", "missing-reference", "pressure-below-minimum".
    public var code: String
    public var location: SourceLocation?
    /// The id of the object concerned (segment, building, ...), if any.
    public var subject: String?
    public var message: String
    /// How to fix it, in one sentence.
    public var fix: String?

    public init(
        _ severity: Severity, code: String, location: SourceLocation? = nil, subject: String? = nil,
        message: String, fix: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.subject = subject
        self.message = message
        self.fix = fix
    }

    /// `file:line:col: error: [id] message (fix: ...)` — the format compilers and editors understand.
    public var description: String {
        var s = ""
        if let location { s += "\(location): " }
        s += "\(severity.rawValue): "
        if let subject { s += "'\(subject)': " }
        s += message
        if let fix { s += " Fix: \(fix)" }
        return s
    }
}

/// The one public error of ConnplanCore.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file was read but has problems; every problem found is listed, in file order.
    case invalid(file: String, findings: [Finding])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): error: cannot read the scenario: \(reason)"
        case let .invalid(file, findings):
            let errors = findings.filter { $0.severity == .error }.count
            let header = "\(file): \(errors) error\(errors == 1 ? "" : "s") in the scenario"
            return ([header] + findings.map(\.description)).joined(separator: "\n")
        }
    }
}
