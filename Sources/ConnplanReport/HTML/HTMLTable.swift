// SPDX-License-Identifier: GPL-3.0-or-later

/// A table for the report: a header row, body rows and optional footer rows (totals). Numeric
/// columns are right-aligned with tabular figures; rows never split across printed pages, and the
/// header repeats on every page a long table runs onto (see `ReportStyle`).
public struct HTMLTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Right-aligned, tabular figures, never wrapped.
        public var numeric: Bool
        /// Never wrapped (ids that must stay on one line).
        public var noWrap: Bool
        public init(_ title: String, numeric: Bool = false, noWrap: Bool = false) {
            self.title = title
            self.numeric = numeric
            self.noWrap = noWrap
        }
    }

    public var columns: [Column]
    public var rows: [[HTML]] = []
    public var footerRows: [[HTML]] = []
    /// Extra class on the table: "compact" for wide tables (smaller type), "key-value" for label/value lists.
    public var styleClass: String?
    /// Shown above the table (escaped).
    public var caption: String?
    /// Per-row classes (same index as `rows`), e.g. "warning".
    public var rowClasses: [String?] = []

    public init(columns: [Column], styleClass: String? = nil, caption: String? = nil) {
        self.columns = columns
        self.styleClass = styleClass
        self.caption = caption
    }

    /// Adds a row of text cells (escaped).
    public mutating func add(_ cells: [String], class cls: String? = nil) { add(html: cells.map { HTML(text: $0) }, class: cls) }

    /// Adds a row of cells already built as HTML.
    public mutating func add(html cells: [HTML], class cls: String? = nil) {
        rows.append(cells)
        rowClasses.append(cls)
    }

    /// Adds a footer row (totals); text cells are escaped.
    public mutating func addFooter(_ cells: [String]) { footerRows.append(cells.map { HTML(text: $0) }) }

    public var html: HTML {
        func cell(_ tag: String, _ content: HTML, _ i: Int) -> HTML {
            let column = i < columns.count ? columns[i] : nil
            let cls = column?.numeric == true ? "num" : column?.noWrap == true ? "nw" : nil
            return .element(tag, [("class", cls)], [content])
        }
        var parts: [HTML] = []
        if let caption { parts.append(.element("caption", text: caption)) }
        parts.append(.element("thead", [], [.element("tr", [], columns.enumerated().map { i, c in cell("th", HTML(text: c.title), i) })]))
        parts.append(
            .element(
                "tbody", [],
                rows.enumerated().map { r, row in
                    .element(
                        "tr", [("class", r < rowClasses.count ? rowClasses[r] : nil)], row.enumerated().map { i, c in cell("td", c, i) })
                }))
        if !footerRows.isEmpty {
            parts.append(
                .element("tfoot", [], footerRows.map { row in .element("tr", [], row.enumerated().map { i, c in cell("td", c, i) }) }))
        }
        return .element("table", [("class", styleClass)], parts)
    }
}
