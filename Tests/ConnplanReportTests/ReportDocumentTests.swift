// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanReport
import XCTest

/// The section list: the API other commands use to add their sections.
final class ReportDocumentTests: XCTestCase {
    func section(_ id: ReportSection.ID, _ title: String = "T") -> ReportSection {
        ReportSection(id: id, title: title, body: HTML(text: "body of \(id)"))
    }

    func testAddKeepsTheStandardOrderWhicheverSectionsArePresent() throws {
        var doc = ReportDocument(title: "t")
        for id: ReportSection.ID in [.keyFigures, .map, .route, .consents, .costShare, .findings, .howToRead] { try doc.add(section(id)) }
        try doc.add(section(.worksSchedule))
        try doc.add(section(.optionsCompared))
        try doc.add(section(.neighbourImpact))
        try doc.add(section(.consentWhatIf))
        try doc.add(section("local-notes"))
        XCTAssertEqual(
            doc.sectionIDs,
            [
                .keyFigures, .map, .route, .neighbourImpact, .consents, .optionsCompared, .consentWhatIf, .costShare, .worksSchedule,
                "local-notes",
                .findings, .howToRead,
            ])
    }

    func testAddWorksWhenTheNeighbouringSectionsAreAbsent() throws {
        // A report without a plan has no route and no cost share; contributed sections still find their place.
        var doc = ReportDocument(title: "t")
        for id: ReportSection.ID in [.keyFigures, .noPlan, .map, .consents, .findings, .howToRead] { try doc.add(section(id)) }
        try doc.add(section(.worksSchedule))
        try doc.add(section(.optionsCompared))
        XCTAssertEqual(doc.sectionIDs, [.keyFigures, .noPlan, .map, .consents, .optionsCompared, .worksSchedule, .findings, .howToRead])
    }

    func testInsertAfterAndBefore() throws {
        var doc = ReportDocument(title: "t")
        try doc.append(section(.keyFigures))
        try doc.append(section(.findings))
        try doc.insert(section("a"), after: .keyFigures)
        try doc.insert(section("b"), before: .keyFigures)
        XCTAssertEqual(doc.sectionIDs, ["b", .keyFigures, "a", .findings])
        doc.remove("a")
        XCTAssertEqual(doc.sectionIDs, ["b", .keyFigures, .findings])
    }

    func testMisuseIsReportedNotSwallowed() throws {
        var doc = ReportDocument(title: "t")
        try doc.append(section(.map))
        XCTAssertThrowsError(try doc.append(section(.map))) { XCTAssertEqual($0 as? ReportError, .duplicateSection("map")) }
        XCTAssertThrowsError(try doc.add(section(.map))) { XCTAssertEqual($0 as? ReportError, .duplicateSection("map")) }
        XCTAssertThrowsError(try doc.insert(section("x"), after: .route)) { XCTAssertEqual($0 as? ReportError, .unknownSection("route")) }
        for bad in ["", "Map", "1st", "a b", "a_b", "x\"y", "é"] {
            XCTAssertThrowsError(try doc.append(section(ReportSection.ID(bad))), bad) {
                XCTAssertEqual($0 as? ReportError, .invalidSectionID(bad))
            }
        }
        XCTAssertEqual(doc.sectionIDs, [.map])
    }

    func testRenderedDocumentHasEachSectionOnceWithItsContentsLinkAndNoScript() throws {
        var doc = ReportDocument(title: "Title <b>", subtitle: ["sub & line"], banner: .init("OK", tone: .good))
        try doc.add(section(.keyFigures, "Key <figures>"))
        try doc.add(section(.worksSchedule, "Works schedule (Gantt)"))
        let html = doc.render()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"), String(html.prefix(80)))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        for id in ["key-figures", "works-schedule"] {
            XCTAssertEqual(html.components(separatedBy: "<section id=\"\(id)\"").count, 2, id)
            XCTAssertEqual(html.components(separatedBy: "href=\"#\(id)\"").count, 2, id)
        }
        XCTAssertTrue(html.contains("<h1>Title &lt;b&gt;</h1>"))
        XCTAssertTrue(html.contains("<h2>Key &lt;figures&gt;</h2>"))
        XCTAssertTrue(html.contains("sub &amp; line"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertNil(html.firstMatch(of: #/(src|href)\s*=\s*"(https?:|//)/#), "no external resources")
        XCTAssertTrue(html.contains("@page { size: A4 portrait"))
    }

    func testPrintHintsBecomeClasses() throws {
        var doc = ReportDocument(title: "t")
        try doc.append(ReportSection(id: "a", title: "A", body: "x", startsNewPage: true, keepTogether: true))
        try doc.append(ReportSection(id: "b", title: "B", body: "y", keepTogether: true))
        try doc.append(ReportSection(id: "c", title: "C", body: "z"))
        let html = doc.render()
        XCTAssertTrue(html.contains("<section id=\"a\" class=\"new-page keep\">"))
        XCTAssertTrue(html.contains("<section id=\"b\" class=\"keep\">"))
        XCTAssertTrue(html.contains("<section id=\"c\"><h2>C</h2>z</section>"))
        XCTAssertTrue(html.contains("section.keep { break-inside: avoid; }"))
    }
}
