// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MILP
import XCTest

final class AtomicFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "connplan-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testWritesAndReplacesLeavingNoTemporaryFiles() throws {
        let path = folder + "/out.txt"
        try AtomicFile.write("first\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        try AtomicFile.write(Data([0x00, 0xFF, 0x0A]), to: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data([0x00, 0xFF, 0x0A]))
        try AtomicFile.write("", to: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.txt"])
    }

    func testRelativePathInCurrentFolder() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try AtomicFile.write("relative", to: "relative.txt")
        XCTAssertEqual(try String(contentsOfFile: folder + "/relative.txt", encoding: .utf8), "relative")
    }

    func testFailuresLeaveTheOldFileAndNoDebris() throws {
        let missingFolder = folder + "/missing/out.txt"
        XCTAssertThrowsError(try AtomicFile.write("x", to: missingFolder)) { error in
            guard case .io(let path, let message)? = error as? MILPError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missingFolder)
            XCTAssertTrue(message.contains("No such file or directory"), message)
        }
        // A directory cannot be replaced by a file.
        let directory = folder + "/sub"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try AtomicFile.write("keep", to: directory + "/keep.txt")
        XCTAssertThrowsError(try AtomicFile.write("x", to: directory))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["keep.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["sub"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: ""))
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder + "/"))
    }
}
