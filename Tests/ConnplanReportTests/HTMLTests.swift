// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanReport

final class HTMLTests: XCTestCase {
    static let hostile = #"<script>alert("x")</script> & 'q'"#

    func testTextIsEscaped() {
        XCTAssertEqual(HTML(text: Self.hostile).markup, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
        let literal: HTML = "a < b & c"
        XCTAssertEqual(literal.markup, "a &lt; b &amp; c", "a string literal is text, not markup")
    }

    func testAttributeValuesAreEscapedAndNilOnesLeftOut() {
        let e = HTML.element("a", [("href", "#\"><img src=x onerror=alert(1)>"), ("class", nil), ("title", "it's")], text: "x")
        XCTAssertEqual(e.markup, "<a href=\"#&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" title=\"it&#39;s\">x</a>")
    }

    func testVoidElementsHaveNoClosingTag() {
        XCTAssertEqual(HTML.element("meta", [("charset", "utf-8")]).markup, "<meta charset=\"utf-8\">")
        XCTAssertEqual(HTML.element("td", []).markup, "<td></td>")
    }

    func testTableMarksNumericColumnsAndKeepsTotalsInTheFooter() {
        var t = HTMLTable(columns: [.init("id", noWrap: true), .init("cost", numeric: true)])
        t.add(["<a>", "1.00"])
        t.addFooter(["total", "1.00"])
        let m = t.html.markup
        XCTAssertTrue(m.contains("<th class=\"nw\">id</th><th class=\"num\">cost</th>"), m)
        XCTAssertTrue(m.contains("<td class=\"nw\">&lt;a&gt;</td><td class=\"num\">1.00</td>"), m)
        XCTAssertTrue(m.contains("<tfoot><tr><td class=\"nw\">total</td><td class=\"num\">1.00</td></tr></tfoot>"), m)
    }

    /// The page footer goes into a CSS string inside <style>: nothing may close either.
    func testCSSStringCannotCloseTheStringOrTheStyleElement() {
        let s = ReportStyle.cssString("a\"b</style><script>x</script>\\ c")
        XCTAssertFalse(s.contains("\""))
        XCTAssertFalse(s.contains("<"))
        XCTAssertFalse(s.contains(" "), "spaces are escaped so that none is swallowed by a preceding escape")
        XCTAssertEqual(ReportStyle.cssString("No. 7"), "No.\\0000207")
        let doc = ReportDocument(title: "t", pageFooter: "</style><script>alert(1)</script>").render()
        XCTAssertEqual(doc.components(separatedBy: "</style>").count, 2, "exactly one </style>: the real one")
        XCTAssertFalse(doc.contains("<script"))
    }
}
