// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

/// Reads an .xlsx file back with python3 + openpyxl, a reader that shares no
/// code with libxlsxwriter. Skips the calling test (with the reason) when
/// python3 or openpyxl cannot be had.
struct OpenpyxlReader {
    /// One cell as openpyxl sees it, loaded twice: formulas (data_only=False)
    /// and cached values (data_only=True). Dates come back as ISO strings.
    struct CellValue {
        var value: Any?
        var cachedValue: Any?
        var numberFormat: String
    }

    struct SheetContents {
        var freezePanes: String?
        var autoFilterRef: String?
        var cells: [String: CellValue]
        var maxRow: Int
        var maxColumn: Int
    }

    struct Contents {
        var sheetNames: [String]
        var sheets: [String: SheetContents]
        var created: String?
        var modified: String?
    }

    static let script = #"""
        import json, sys, datetime
        import openpyxl

        def plain(v):
            if isinstance(v, (datetime.datetime, datetime.date)):
                return v.isoformat()
            return v

        path = sys.argv[1]
        formulas = openpyxl.load_workbook(path, data_only=False)
        cached = openpyxl.load_workbook(path, data_only=True)
        out = {"sheetNames": formulas.sheetnames, "sheets": {},
               "created": plain(formulas.properties.created), "modified": plain(formulas.properties.modified)}
        for ws in formulas.worksheets:
            wc = cached[ws.title]
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None and c.number_format == "General":
                        continue
                    cells[c.coordinate] = {"value": plain(c.value), "cached": plain(wc[c.coordinate].value),
                                           "format": c.number_format}
            out["sheets"][ws.title] = {"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                                       "cells": cells, "maxRow": ws.max_row, "maxColumn": ws.max_column}
        json.dump(out, sys.stdout, ensure_ascii=False)
        """#

    let python: String
    let folder: String

    /// Finds python3 with openpyxl, installing openpyxl with pip if it is missing.
    init(folder: String) throws {
        self.folder = folder
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/python3" }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("python3 not found on PATH; the openpyxl read-back is skipped")
        }
        self.python = python
        if (try? Self.run(python, ["-c", "import openpyxl"]))?.status != 0 {
            let install = try Self.run(python, ["-m", "pip", "install", "-q", "openpyxl"])
            guard install.status == 0, (try? Self.run(python, ["-c", "import openpyxl"]))?.status == 0 else {
                throw XCTSkip("openpyxl is missing and `python3 -m pip install openpyxl` failed: \(install.error)")
            }
        }
    }

    func read(_ path: String) throws -> Contents {
        let scriptPath = folder + "/read_xlsx.py"
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let result = try Self.run(python, [scriptPath, path])
        guard result.status == 0 else {
            XCTFail("openpyxl could not read \(path): \(result.error)")
            throw CocoaError(.fileReadCorruptFile)
        }
        let json = try JSONSerialization.jsonObject(with: result.output) as! [String: Any]
        var sheets: [String: SheetContents] = [:]
        for (name, raw) in json["sheets"] as! [String: [String: Any]] {
            var cells: [String: CellValue] = [:]
            for (coordinate, cell) in raw["cells"] as! [String: [String: Any]] {
                cells[coordinate] = CellValue(
                    value: Self.unwrap(cell["value"]), cachedValue: Self.unwrap(cell["cached"]), numberFormat: cell["format"] as! String)
            }
            sheets[name] = SheetContents(
                freezePanes: Self.unwrap(raw["freeze"]) as? String, autoFilterRef: Self.unwrap(raw["filter"]) as? String, cells: cells,
                maxRow: raw["maxRow"] as! Int, maxColumn: raw["maxColumn"] as! Int)
        }
        return Contents(
            sheetNames: json["sheetNames"] as! [String], sheets: sheets, created: Self.unwrap(json["created"]) as? String,
            modified: Self.unwrap(json["modified"]) as? String)
    }

    private static func unwrap(_ value: Any?) -> Any? {
        if value is NSNull { return nil }
        return value
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, String(decoding: error, as: UTF8.self))
    }
}
