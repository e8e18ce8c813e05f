// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanReport
import XCTest

final class HTMLTests: XCTestCase {
    func testTextAndAttributesAreEscaped() {
        let hostile = #"<script>alert("x")</script> & 'q'"#
        XCTAssertEqual(HTML(text: hostile).markup, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
        let e = HTML.element("a", [("href", "#" + hostile)], text: hostile)
        XCTAssertFalse(e.markup.contains("<script"))
        XCTAssertFalse(e.markup.dropFirst(8).contains("\"#<"), "attribute value not escaped")
        XCTAssertTrue(e.markup.hasPrefix("<a href=\"#&lt;script&gt;alert(&quot;x&quot;)"), e.markup)
    }
}
