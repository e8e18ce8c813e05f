// SPDX-License-Identifier: GPL-3.0-or-later
//
// The report as one self-contained HTML file: a title block, a contents list and the sections in
// order. Inline CSS only; no scripts, no fonts, images or styles from anywhere else, so it opens
// offline and prints the same everywhere.

/// A report: a title block and an ordered list of sections, rendered to one HTML file.
public struct ReportDocument: Sendable {
    /// The status line under the title, with a tone that also shows in black and white (a border style).
    public struct Banner: Sendable {
        public enum Tone: String, Sendable {
            case good, warning, bad
        }
        public var text: String
        public var tone: Tone
        public init(_ text: String, tone: Tone) {
            self.text = text
            self.tone = tone
        }
    }

    /// The document title (plain text): the scenario's name.
    public var title: String
    /// Short plain-text lines under the title.
    public var subtitle: [String]
    public var banner: Banner?
    /// Plain text for the printed page footer (left), next to "page N of M".
    public var pageFooter: String
    public private(set) var sections: [ReportSection] = []

    public init(title: String, subtitle: [String] = [], banner: Banner? = nil, pageFooter: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.banner = banner
        self.pageFooter = pageFooter ?? title
    }

    /// The ids of the sections, in order.
    public var sectionIDs: [ReportSection.ID] { sections.map(\.id) }

    public func section(_ id: ReportSection.ID) -> ReportSection? { sections.first { $0.id == id } }

    /// Adds a section where `ReportSection.ID.standardOrder` puts it among the sections present
    /// (an id not in that list goes before `findings`, or at the end). This is the one call another
    /// command needs to contribute its section.
    public mutating func add(_ section: ReportSection) throws(ReportError) {
        try check(section)
        let order = ReportSection.ID.standardOrder
        let rank = order.firstIndex(of: section.id) ?? order.firstIndex(of: .findings) ?? order.count
        let at = sections.firstIndex { existing in
            guard let r = order.firstIndex(of: existing.id) else { return false }
            return r > rank || (r == rank && existing.id != section.id)
        }
        sections.insert(section, at: at ?? sections.count)
    }

    /// Adds a section at the end.
    public mutating func append(_ section: ReportSection) throws(ReportError) {
        try check(section)
        sections.append(section)
    }

    /// Adds a section right after the section `id`.
    public mutating func insert(_ section: ReportSection, after id: ReportSection.ID) throws(ReportError) {
        try check(section)
        guard let i = sections.firstIndex(where: { $0.id == id }) else { throw .unknownSection(id.rawValue) }
        sections.insert(section, at: i + 1)
    }

    /// Adds a section right before the section `id`.
    public mutating func insert(_ section: ReportSection, before id: ReportSection.ID) throws(ReportError) {
        try check(section)
        guard let i = sections.firstIndex(where: { $0.id == id }) else { throw .unknownSection(id.rawValue) }
        sections.insert(section, at: i)
    }

    /// Removes the section `id` (no effect if there is none).
    public mutating func remove(_ id: ReportSection.ID) { sections.removeAll { $0.id == id } }

    private func check(_ section: ReportSection) throws(ReportError) {
        guard section.id.isValid else { throw .invalidSectionID(section.id.rawValue) }
        guard !sections.contains(where: { $0.id == section.id }) else { throw .duplicateSection(section.id.rawValue) }
    }

    /// The complete HTML document (UTF-8 text, LF line ends, ends with a newline).
    public func render() -> String {
        var head = HTML.element("meta", [("charset", "utf-8")])
        head += .element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        head += .element("meta", [("name", "generator"), ("content", "connplan report")])
        head += .element("title", text: title)
        head += HTML(trustedMarkup: "<style>\n" + ReportStyle.css(pageFooter: pageFooter) + "</style>")

        var top: [HTML] = [.element("h1", text: title)]
        for line in subtitle { top.append(.element("p", [("class", "subtitle")], text: line)) }
        if let banner { top.append(.element("p", [("class", "banner " + banner.tone.rawValue)], text: banner.text)) }
        var body: [HTML] = [.element("header", [("class", "masthead")], top)]
        if sections.count > 1 {
            let items = sections.map { s in HTML.element("li", [], [.element("a", [("href", "#" + s.id.rawValue)], text: s.title)]) }
            body.append(
                .element(
                    "nav", [("class", "contents"), ("aria-label", "Contents")],
                    [.element("h2", text: "Contents"), .element("ol", [], items)]))
        }
        for s in sections {
            body.append(
                .element(
                    "section",
                    [
                        ("id", s.id.rawValue),
                        (
                            "class",
                            [s.startsNewPage ? "new-page" : nil, s.keepTogether ? "keep" : nil].compactMap { $0 }.joined(separator: " ")
                                .nilIfEmpty
                        ),
                    ],
                    [.element("h2", text: s.title), s.body]))
        }
        body.append(
            .element("footer", [("class", "colophon")], text: "Made by connplan from the scenario data; every figure comes from the model.")
        )

        return "<!DOCTYPE html>\n"
            + HTML.element(
                "html", [("lang", "en")],
                [
                    .element("head", [], [head]), HTML(trustedMarkup: "\n"),
                    .element("body", [], [HTML.join(body, separator: HTML(trustedMarkup: "\n"))]),
                ]
            ).markup + "\n"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
