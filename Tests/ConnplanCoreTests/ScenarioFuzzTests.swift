// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// Seeded random mutations of valid files: the loader must never crash, and must either load or
/// throw `ScenarioError` with located findings.
final class ScenarioFuzzTests: XCTestCase {
    /// SplitMix64: small, seedable, identical on every platform.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let tokens = [
        ":", "- ", "[", "]", "{", "}", ",", "\"", "'", "\t", "\n", "  ", "#", "&a ", "*a", "~", "null", "true", "yes",
        "-1", "0", "1e999", "0.001", "12.345", "NaN", ".inf", "x_m", "lon", "id", "b1", "verge", "\u{0}", "\u{FEFF}", "é", "🔥",
        "\\u", "\\ud83d", "<<: *a", "!!str ", "---\n", "...", "%YAML 1.2\n", "|\n", ">\n",
    ]

    func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var chars = Array(text)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:  // delete a line
            lines.remove(at: Int.random(in: 0..<lines.count, using: &rng))
        case 1:  // duplicate a line
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &rng))
        case 2:  // swap two lines
            lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
        case 3:  // change indentation
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines[i] = Bool.random(using: &rng) ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
        case 4:  // truncate
            return String(chars.prefix(Int.random(in: 0...chars.count, using: &rng)))
        case 5:  // replace a character
            guard !chars.isEmpty else { return text }
            chars[Int.random(in: 0..<chars.count, using: &rng)] = Self.tokens.randomElement(using: &rng)!.first ?? " "
            return String(chars)
        case 6:  // insert a token
            let at = Int.random(in: 0...chars.count, using: &rng)
            chars.insert(contentsOf: Self.tokens.randomElement(using: &rng)!, at: at)
            return String(chars)
        case 7:  // replace a scalar value after ": " with a token
            let i = Int.random(in: 0..<lines.count, using: &rng)
            if let r = lines[i].range(of: ": ") {
                let rest = lines[i][r.upperBound...]
                let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
                lines[i] = String(lines[i][..<r.upperBound]) + Self.tokens.randomElement(using: &rng)! + String(rest[end...])
            }
        default:  // delete a span of characters
            guard chars.count > 2 else { return text }
            let a = Int.random(in: 0..<chars.count, using: &rng)
            let b = min(chars.count, a + Int.random(in: 1...40, using: &rng))
            chars.removeSubrange(a..<b)
            return String(chars)
        }
        return lines.joined(separator: "\n")
    }

    func testRandomMutationsNeverCrash() throws {
        var rng = SplitMix64(state: 20_260_422)
        let sources = try [
            ScenarioFixtures.text("gas-xianning.yaml"), ScenarioFixtures.text("water-shifo.yaml"),
            ScenarioFixtures.text("gas-xianning-tabs.json"), ScenarioFixtures.text("water-shifo.json"),
            ScenarioFixtures.minimalGas,
        ]
        var outcomes = ["loaded": 0, "invalid": 0, "unreadable": 0]
        for iteration in 0..<500 {
            var text = sources[iteration % sources.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) { text = mutate(text, &rng) }
            do {
                let loaded = try ScenarioLoader.parse(text: text, file: "fuzz.yaml")
                XCTAssertTrue(loaded.warnings.allSatisfy { $0.severity != .error && $0.location != nil })
                outcomes["loaded", default: 0] += 1
            } catch let ScenarioError.invalid(file, findings) {
                XCTAssertEqual(file, "fuzz.yaml")
                XCTAssertFalse(findings.filter { $0.severity == .error }.isEmpty, "iteration \(iteration)")
                XCTAssertTrue(findings.allSatisfy { $0.location != nil && $0.fix != nil }, "iteration \(iteration)")
                let lines = findings.map { $0.location!.line }
                XCTAssertEqual(lines, lines.sorted(), "findings in file order, iteration \(iteration)")
                outcomes["invalid", default: 0] += 1
            } catch ScenarioError.unreadable(_, let reason) {
                XCTAssertFalse(reason.isEmpty)
                outcomes["unreadable", default: 0] += 1
            } catch {
                XCTFail("iteration \(iteration): unexpected error type \(type(of: error)): \(error)")
            }
        }
        print("fuzz outcomes over 500 mutated files: \(outcomes.sorted { $0.key < $1.key })")
        // The mutations must exercise all three outcomes, or the test proves little.
        XCTAssertGreaterThan(outcomes["loaded"]!, 10)
        XCTAssertGreaterThan(outcomes["invalid"]!, 50)
        XCTAssertGreaterThan(outcomes["unreadable"]!, 10)
    }

    func testHostileDocumentsAreRejectedNotCrashed() {
        // Exponential alias expansion ("billion laughs").
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 { laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        XCTAssertThrowsError(try ScenarioLoader.parse(text: laughs, file: "laughs.yaml")) { error in
            guard case ScenarioError.unreadable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("too large"), reason)
        }
        // Nesting far beyond libyaml's limit, in YAML and in JSON the fallback must handle.
        for text in [String(repeating: "[", count: 50_000), "\t" + String(repeating: "[", count: 50_000)] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text: text, file: "deep.json")) { error in
                guard case ScenarioError.unreadable = error else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try ScenarioLoader.parse(text: "\u{0}connplan: 1", file: "nul.yaml"))
    }

    func testSameInputGivesTheSameFindings() throws {
        let text = try ScenarioFixtures.text("gas-many-errors.yaml")
        func run() -> String {
            do {
                _ = try ScenarioLoader.parse(text: text, file: "f.yaml")
                return "loaded"
            } catch { return "\(error)" }
        }
        let first = run()
        for _ in 0..<5 { XCTAssertEqual(run(), first) }
    }
}
