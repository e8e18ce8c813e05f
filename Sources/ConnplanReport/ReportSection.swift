// SPDX-License-Identifier: GPL-3.0-or-later

/// One section of the report: a title, an anchor id (for the contents list and links), and a body.
///
/// Sections are plain values, so another command's output becomes part of the report with one call:
///
///     let section = ReportSection(id: "options", title: "Options compared", body: table.html, startsNewPage: true)
///     try document.insert(section, after: .consents)
///
/// The body is `HTML`: build it with `HTML(text:)`, `HTML.element` and `HTMLTable`, which escape every
/// string, so scenario data can never inject markup.
public struct ReportSection: Sendable {
    /// An anchor id: lower-case ASCII letters, digits and hyphens, starting with a letter.
    public struct ID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public var description: String { rawValue }

        /// Whether this id can be used as an anchor as it is.
        public var isValid: Bool {
            guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return rawValue.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }

        // Sections `ReportBuilder` makes (each only when it has something to show).
        public static let keyFigures: ID = "key-figures"
        public static let noPlan: ID = "no-plan"
        public static let map: ID = "map"
        public static let route: ID = "route"
        public static let service: ID = "service"
        public static let quantities: ID = "quantities"
        public static let consents: ID = "consents"
        public static let costShare: ID = "cost-share"
        public static let findings: ID = "findings"
        public static let howToRead: ID = "how-to-read"

        // Sections other commands contribute; `ReportBuilder` never makes these itself.
        public static let neighbourImpact: ID = "neighbour-impact"
        public static let optionsCompared: ID = "options-compared"
        public static let consentWhatIf: ID = "consent-what-if"
        public static let worksSchedule: ID = "works-schedule"

        /// Where each known section goes; `ReportDocument.add(_:)` keeps this order whichever
        /// sections are present. Unknown ids go before `findings`.
        public static let standardOrder: [ID] = [
            .keyFigures, .noPlan, .map, .route, .service, .neighbourImpact, .quantities, .consents, .optionsCompared, .consentWhatIf,
            .costShare, .worksSchedule, .findings, .howToRead,
        ]
    }

    public var id: ID
    /// Plain text (escaped when rendered).
    public var title: String
    public var body: HTML
    /// When printed, start the section on a new page (for major sections that fill a page or more).
    public var startsNewPage: Bool
    /// When printed, move the whole section to the next page rather than split it (for sections of
    /// well under a page: a heading, a sentence and a short table).
    public var keepTogether: Bool

    public init(id: ID, title: String, body: HTML, startsNewPage: Bool = false, keepTogether: Bool = false) {
        self.id = id
        self.title = title
        self.body = body
        self.startsNewPage = startsNewPage
        self.keepTogether = keepTogether
    }
}

/// The report module's one public error: a misuse of the section list (a bug in the caller).
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSectionID(String)
    case duplicateSection(String)
    case unknownSection(String)

    public var description: String {
        switch self {
        case .invalidSectionID(let id):
            return "report section id '\(id)' is not a valid anchor: use lower-case letters, digits and hyphens, starting with a letter"
        case .duplicateSection(let id): return "the report already has a section '\(id)': give the new section another id"
        case .unknownSection(let id): return "the report has no section '\(id)' to insert next to"
        }
    }
}
