// SPDX-License-Identifier: GPL-3.0-or-later
//
// The report in a real browser: headless Chromium (Debian package `chromium`, installed by
// `scripts/install-deps test`) renders each bundled scenario's report to a PNG, dumps the DOM after
// layout, and prints it to PDF. The checks: the screenshot has the window's size and is not blank
// (it has ink and the coloured route); the DOM text carries the key figures that `connplan plan` and
// `connplan costs` print and loads nothing from elsewhere; measured in the browser with its real
// fonts, no table or map is wider than the page and no map label is clipped or overlaps another;
// the PDF is A4 with a plausible number of pages and (with poppler-utils) its text has the figures.

import Foundation
import TestSupport
import XCTest

final class ReportBrowserTests: CLITestCase {
    /// A4 at 150 dpi.
    static let window = (width: 1240, height: 1754)

    static let chromium: URL? = {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"]
        where FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        return nil
    }()

    static func tool(_ name: String) -> URL? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { URL(fileURLWithPath: $0 + name) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    func browser() throws -> CLIRunner {
        guard let url = Self.chromium else {
            throw XCTSkip(
                "Chromium is not installed (Debian package chromium; scripts/install-deps test installs it): skipping the browser rendering test"
            )
        }
        return CLIRunner(executableURL: url)
    }

    /// Runs headless Chromium with its own profile directory; returns stdout.
    func chromium(_ arguments: [String], in dir: URL) throws -> CLIResult {
        let profile = dir.appendingPathComponent("profile-\(UUID().uuidString)")
        let r = try browser().run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)"] + arguments,
            timeoutSeconds: 180)
        try? FileManager.default.removeItem(at: profile)
        return r
    }

    struct Figures {
        var totalCost: String
        /// "2,797.37": the plan's total per household, as `connplan plan` prints it.
        var costPerHousehold: String
        var households: String
        /// What the households pay together: the totals row of the per-household table.
        var householdsPay: String
    }

    /// The key figures as the other commands print them (oracles that do not go through the report's code).
    func figures(_ scenario: String) throws -> Figures {
        let text = try connplan("plan", scenario, "--reproducible").stdoutText
        let total = try XCTUnwrap(textTotalFen(text), "no total in the plan text")
        let perHousehold = try XCTUnwrap(
            text.firstMatch(of: #/\(([0-9,]+\.[0-9]{2}) CNY per household/#), "no cost per household in the plan text")
        let households = try planJSON([scenario]).int("households")
        let costs = try JSONSerialization.jsonObject(with: connplan("costs", scenario, "--format", "json").stdout) as? [String: Any]
        let pay = try XCTUnwrap((costs?["households_total_cny"] as? NSNumber)?.doubleValue)
        return Figures(
            totalCost: ReportCommandTests.cny(total), costPerHousehold: String(perHousehold.1), households: String(households),
            householdsPay: ReportCommandTests.cny(Int((pay * 100).rounded())))
    }

    func writeReport(_ scenario: String, to dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("report.html")
        // Shifo's options need a hard planner run (about 40 s for S-CITY-S alone); Compound 79's
        // report carries the options, what-if and neighbour sections through the browser instead.
        let options = scenario == Self.shifo ? ["--no-options"] : []
        let r = try connplan(["report", scenario, "--reproducible", "-o", url.path] + options)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        return url
    }

    func testScreenshotHasTheWindowSizeAndIsNotBlank() throws {
        _ = try browser()
        for scenario in [Self.compound79, Self.shifo] {
            let dir = try makeTemporaryDirectory()
            let html = try writeReport(scenario, to: dir)
            let png = dir.appendingPathComponent("report.png")
            let r = try chromium(
                ["--window-size=\(Self.window.width),\(Self.window.height)", "--screenshot=\(png.path)", html.absoluteString], in: dir)
            XCTAssertEqual(r.status, 0, "chromium: " + r.stderrText.suffix(2000))
            let data = try Data(contentsOf: png)
            let size = try XCTUnwrap(Self.pngSize(data), "not a PNG file")
            XCTAssertEqual(size.width, Self.window.width, scenario)
            XCTAssertEqual(size.height, Self.window.height, scenario)
            // A blank white page of this size compresses to under 10 kB.
            XCTAssertGreaterThan(data.count, 50_000, "\(scenario): the screenshot looks blank (\(data.count) bytes)")
            guard let stats = try pixelStatistics(png) else { continue }
            let ink = try XCTUnwrap(stats["ink"] as? Double)
            let coloured = try XCTUnwrap(stats["coloured"] as? Int)
            XCTAssertGreaterThan(ink, 0.02, "\(scenario): too little ink on the first screen: \(stats)")
            XCTAssertLessThan(ink, 0.6, "\(scenario): the page is mostly dark: \(stats)")
            XCTAssertGreaterThan(coloured, 500, "\(scenario): no coloured route or banner on the first screen: \(stats)")
        }
    }

    func testDOMHasTheKeyFiguresAndNothingExternal() throws {
        _ = try browser()
        for scenario in [Self.compound79, Self.shifo] {
            let dir = try makeTemporaryDirectory()
            let html = try writeReport(scenario, to: dir)
            let r = try chromium(["--dump-dom", html.absoluteString], in: dir)
            XCTAssertEqual(r.status, 0, "chromium: " + r.stderrText.suffix(2000))
            let dom = r.stdoutText
            let f = try figures(scenario)
            XCTAssertTrue(dom.contains(">\(f.totalCost) CNY<"), "\(scenario): total cost \(f.totalCost) not in the DOM")
            XCTAssertTrue(
                dom.contains(">\(f.costPerHousehold) CNY<"), "\(scenario): cost per household \(f.costPerHousehold) not in the DOM")
            XCTAssertTrue(
                dom.contains("<div class=\"value\">\(f.households)</div>"), "\(scenario): households \(f.households) not in the DOM")
            XCTAssertTrue(
                dom.contains(">\(f.householdsPay) CNY<"), "\(scenario): households' total \(f.householdsPay) not in the key figures")
            XCTAssertTrue(
                dom.contains(">\(f.householdsPay)</td>"), "\(scenario): households' total \(f.householdsPay) not in the cost-share table")
            XCTAssertEqual(ReportCommandTests.externalReferences(dom), [], scenario)
            // Every section of the file reached the laid-out page (9 from the plan and costs, 1 works schedule; Compound 79
            // adds the options compared, the consent what-if and the neighbour impact).
            let inFile = try String(contentsOf: html, encoding: .utf8).components(separatedBy: "<section ").count - 1
            XCTAssertEqual(inFile, scenario == Self.compound79 ? 13 : 10, "\(scenario): sections in the report file")
            XCTAssertEqual(dom.components(separatedBy: "<section ").count - 1, inFile, "\(scenario): sections in the laid-out page")
        }
    }

    /// Measured by the browser with its real fonts on screen, at a laptop's width and at the
    /// screenshot's: nothing wider than the page, no map label clipped or overlapping. (The printed
    /// layout is checked on the PDF, word by word, in `testPrintsOnA4WithAPlausibleNumberOfPages`.)
    func testLayoutFitsThePageAndMapLabelsDoNotCollide() throws {
        _ = try browser()
        for scenario in [Self.compound79, Self.shifo] {
            let dir = try makeTemporaryDirectory()
            let html = try String(contentsOf: try writeReport(scenario, to: dir), encoding: .utf8)
            // The report has no script; this copy gets one that measures the layout and writes the result into the page.
            let probe = dir.appendingPathComponent("probe.html")
            try Data(html.replacingOccurrences(of: "</body>", with: Self.layoutProbe + "</body>").utf8).write(to: probe)
            for width in [1024, Self.window.width] {
                let r = try chromium(["--window-size=\(width),1200", "--dump-dom", probe.absoluteString], in: dir)
                XCTAssertEqual(r.status, 0, "chromium: " + r.stderrText.suffix(2000))
                let m = try XCTUnwrap(
                    r.stdoutText.firstMatch(of: #/<pre id="layout-check">(.*?)</pre>/#), "\(scenario): the layout probe did not run")
                let json = ReportCommandTests.unescape(String(m.1))
                let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
                XCTAssertEqual(result["problems"] as? [String], [], "\(scenario) at \(width) px: \(json)")
                XCTAssertGreaterThan(result["labels"] as? Int ?? 0, 8, "\(scenario): map labels measured")
                XCTAssertGreaterThanOrEqual(result["tables"] as? Int ?? 0, 6, "\(scenario): tables measured")
                XCTAssertGreaterThan(result["mapHeight"] as? Double ?? 0, 200, "\(scenario): the map has a height")
            }
        }
    }

    func testPrintsOnA4WithAPlausibleNumberOfPages() throws {
        _ = try browser()
        // Compound 79 now also carries the options, the what-if, the neighbour impact and the schedule (8 pages).
        for (scenario, pages) in [(Self.compound79, 5...11), (Self.shifo, 5...14)] {
            let dir = try makeTemporaryDirectory()
            let html = try writeReport(scenario, to: dir)
            let pdf = dir.appendingPathComponent("report.pdf")
            let r = try chromium(
                ["--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=\(pdf.path)", html.absoluteString], in: dir)
            XCTAssertEqual(r.status, 0, "chromium: " + r.stderrText.suffix(2000))
            let data = try Data(contentsOf: pdf)
            XCTAssertTrue(data.starts(with: Data("%PDF-".utf8)), "not a PDF")
            guard let pdfinfo = Self.tool("pdfinfo"), let pdftotext = Self.tool("pdftotext") else {
                // Without poppler-utils: count the page objects in the file.
                let text = String(decoding: data, as: UTF8.self)
                let count = text.matches(of: #/\/Type\s*\/Page[^s]/#).count
                XCTAssertTrue(pages.contains(count), "\(scenario): \(count) pages")
                throw XCTSkip(
                    "pdfinfo/pdftotext (poppler-utils) not installed; counted \(count) pages from the PDF objects but did not read its text"
                )
            }
            let info = try CLIRunner(executableURL: pdfinfo).run([pdf.path]).stdoutText
            let count = try XCTUnwrap(info.firstMatch(of: #/Pages:\s+([0-9]+)/#).flatMap { Int($0.1) }, info)
            XCTAssertTrue(pages.contains(count), "\(scenario): \(count) pages, expected \(pages)")
            let size = try XCTUnwrap(info.firstMatch(of: #/Page size:\s+([0-9.]+) x ([0-9.]+) pts/#), info)
            XCTAssertEqual(Double(size.1) ?? 0, 595.28, accuracy: 1.5, "A4 width in points")
            XCTAssertEqual(Double(size.2) ?? 0, 841.89, accuracy: 1.5, "A4 height in points")
            let text = try CLIRunner(executableURL: pdftotext).run(["-layout", pdf.path, "-"]).stdoutText
            let f = try figures(scenario)
            XCTAssertTrue(text.contains("\(f.totalCost) CNY"), "\(scenario): total cost not in the printed text")
            XCTAssertTrue(text.contains("\(f.costPerHousehold) CNY"), "\(scenario): cost per household not in the printed text")
            XCTAssertTrue(text.contains(f.householdsPay), "\(scenario): households' total not in the printed text")
            XCTAssertTrue(text.contains("page \(count) of \(count)"), "\(scenario): page footer 'page N of N' missing")
            // Nothing printed outside the 14 mm side margins: every word's box lies within the text width.
            let boxes = try CLIRunner(executableURL: pdftotext).run(["-bbox", pdf.path, "-"]).stdoutText
            let pageWidth = try XCTUnwrap(boxes.firstMatch(of: #/<page width="([0-9.]+)"/#).flatMap { Double($0.1) })
            let margin = 14 / 25.4 * 72
            var words = 0
            for m in boxes.matches(of: #/<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>/#) {
                words += 1
                let (xMin, xMax) = (Double(m.1) ?? 0, Double(m.2) ?? 0)
                if xMin < margin - 1.5 || xMax > pageWidth - margin + 1.5 {
                    XCTFail("\(scenario): '\(m.3)' printed outside the text width (x \(xMin)...\(xMax) pt, page \(pageWidth) pt)")
                    break
                }
            }
            XCTAssertGreaterThan(words, 500, "\(scenario): words read back from the PDF")
        }
    }

    // MARK: Helpers

    /// Width and height from a PNG's IHDR chunk (PNG spec §11.2.2), or nil if `data` is not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
        else {
            return nil
        }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// Share of non-white pixels and count of strongly coloured ones, decoded with Python's standard
    /// library (zlib); nil (no pixel check) when python3 is not there.
    func pixelStatistics(_ png: URL) throws -> [String: Any]? {
        guard let python = Self.tool("python3") else { return nil }
        let r = try CLIRunner(executableURL: python).run(["-c", Self.pngStatsScript, png.path])
        XCTAssertEqual(r.status, 0, r.stderrText)
        return try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
    }

    static let pngStatsScript = #"""
        import json, struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        pos, idat, ihdr = 8, b'', None
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
            if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
            elif kind == b'IDAT': idat += body
        w, h, depth, ctype = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
        raw, stride = zlib.decompress(idat), w * bpp
        prev, ink, coloured, i = bytearray(stride), 0, 0, 0
        for y in range(h):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, bpp * 2):
                r, g, bl = line[x], line[x + 1], line[x + 2]
                if r + g + bl < 720: ink += 1
                if max(r, g, bl) - min(r, g, bl) > 80: coloured += 1
            prev = line
        print(json.dumps({'width': w, 'height': h, 'ink': ink / (w * h / 2), 'coloured': coloured}))
        """#

    /// Appended to a copy of the report: measures the layout and writes a JSON verdict into a <pre>.
    static let layoutProbe = """
        <script>
        (function () {
          var out = { problems: [], labels: 0, tables: 0, mapHeight: 0 };
          var body = document.body, cs = getComputedStyle(body), br = body.getBoundingClientRect();
          var right = br.right - parseFloat(cs.paddingRight) + 1;
          if (document.documentElement.scrollWidth > window.innerWidth + 1) out.problems.push('page wider than the window: ' + document.documentElement.scrollWidth);
          document.querySelectorAll('table').forEach(function (t) {
            out.tables++;
            if (t.getBoundingClientRect().right > right) out.problems.push('table wider than the text: ' + (t.closest('section') || {}).id);
          });
          var svg = document.querySelector('svg.network');
          if (!svg) { out.problems.push('no map'); } else {
            var s = svg.getBoundingClientRect(); out.mapHeight = s.height;
            if (s.right > right) out.problems.push('map wider than the text');
            var labels = Array.prototype.slice.call(svg.querySelectorAll('g.label'));
            var boxes = labels.map(function (g) { return g.getBoundingClientRect(); });
            out.labels = boxes.length;
            boxes.forEach(function (b, i) {
              var name = labels[i].textContent;
              if (b.width <= 0 || b.height <= 0) out.problems.push('label not drawn: ' + name);
              if (b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5) out.problems.push('label clipped: ' + name);
              for (var j = i + 1; j < boxes.length; j++) {
                var c = boxes[j];
                if (b.left < c.right - 0.5 && c.left < b.right - 0.5 && b.top < c.bottom - 0.5 && c.top < b.bottom - 0.5)
                  out.problems.push('labels overlap: ' + name + ' / ' + labels[j].textContent);
              }
            });
          }
          var pre = document.createElement('pre'); pre.id = 'layout-check'; pre.textContent = JSON.stringify(out); body.appendChild(pre);
        })();
        </script>
        """
}
