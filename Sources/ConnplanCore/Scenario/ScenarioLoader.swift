// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Yams

/// A scenario read from a file, with the warnings found while reading it.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Problems that do not stop planning (unused owners, nodes or pipes; a segment length far
    /// from its nodes' distance; ignored keys), in file order.
    public var warnings: [Finding]
    public init(scenario: Scenario, warnings: [Finding]) {
        self.scenario = scenario
        self.warnings = warnings
    }
}

/// Reads scenario files (YAML, or JSON as YAML's flow style); the format is docs/scenario-format.md.
///
/// Every problem in a file is reported at once, in file order, each with a line and column, the
/// id of the object, and a one-sentence fix. Money (`*_cny`) is read from its decimal text into
/// exact integer fen. Defaults come from `Standards.load()`.
public enum ScenarioLoader {
    /// Reads and validates the scenario at `path`.
    ///
    /// - Throws: `ScenarioError.unreadable` if the file cannot be read, is not UTF-8, or is not
    ///   YAML/JSON; `ScenarioError.invalid` listing every problem (errors and warnings) otherwise.
    public static func load(path: String) throws -> LoadedScenario {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ScenarioError.unreadable(file: path, reason: "this is a folder; give the path of a scenario file (.yaml or .json) inside it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason =
                FileManager.default.fileExists(atPath: path)
                ? "the file cannot be read (\(error.localizedDescription))" : "no such file"
            throw ScenarioError.unreadable(file: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError.unreadable(file: path, reason: "the file is not UTF-8 text; save it as UTF-8")
        }
        return try parse(text: text, file: path)
    }

    /// Reads and validates scenario text; `file` names it in findings.
    ///
    /// - Throws: `ScenarioError.unreadable` for YAML/JSON syntax errors (with the line and column
    ///   of the parser's mark); `ScenarioError.invalid` listing every problem otherwise.
    public static func parse(text: String, file: String) throws -> LoadedScenario {
        let root = try syntaxTree(text: text, file: file).root
        let builder = ScenarioBuilder(file: file)
        let scenario = try builder.build(root: root)
        let findings = builder.diag.sortedFindings
        guard let scenario, !builder.diag.hasErrors else {
            if findings.contains(where: { $0.severity == .error }) {
                throw ScenarioError.invalid(file: file, findings: findings)
            }
            // Every path that refuses to assemble reports why; this guards against a silent gap.
            let internalError = Finding(
                .error, code: "internal", location: SourceLocation(file: file, line: root.line, column: root.column),
                message: "the scenario could not be assembled although no problem was reported",
                fix: "Please report this file to the connplan maintainers.")
            throw ScenarioError.invalid(file: file, findings: findings + [internalError])
        }
        return LoadedScenario(scenario: scenario, warnings: findings.filter { $0.severity != .error })
    }

    // MARK: - Parsing

    /// Which parser produced a document's tree.
    enum DocumentParser { case yams, jsonFallback }

    /// YAML through `Yams.compose`; JSON that libyaml rejects goes through `JSONFallbackParser`.
    static func syntaxTree(text: String, file: String) throws -> (root: SyntaxNode, parser: DocumentParser) {
        let composed: Yams.Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            if JSONFallbackParser.looksLikeJSON(text) {
                do {
                    return (try JSONFallbackParser.parse(text), .jsonFallback)
                } catch {
                    throw ScenarioError.unreadable(
                        file: file, reason: "JSON syntax error at line \(error.line), column \(error.column): \(error.message)")
                }
            }
            throw ScenarioError.unreadable(file: file, reason: describe(error, text: text))
        }
        guard let composed else {
            throw ScenarioError.unreadable(file: file, reason: "the file is empty; a scenario starts with `connplan: 1`")
        }
        do {
            return (try SyntaxNode.from(yams: composed), .yams)
        } catch {
            throw ScenarioError.unreadable(
                file: file,
                reason:
                    "the document is too large or too deeply nested (more than \(SyntaxNode.maximumNodeCount) values after expanding aliases)"
            )
        }
    }

    /// A one-paragraph reason from a Yams error: line and column of the parser's mark, the
    /// problem, and the offending line with a caret.
    static func describe(_ error: Error, text: String) -> String {
        guard let yaml = error as? YamlError else { return "YAML error: \(error)" }
        func at(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> String {
            var s = "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)"
            if let context { s += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return s + "\n" + snippet(text, line: mark.line, column: mark.column)
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return at(mark, problem, context)
        case .reader(let problem, let offset, _, _):
            if let offset, offset >= 0 {
                let prefix = text.utf8.prefix(offset)
                let line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                return "cannot decode the text near line \(line): \(problem)"
            }
            return "cannot decode the text: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\(ScalarValue.clip($0))'" }.joined(separator: ", ")
            return
                "duplicate key \(keys) in one mapping at line \(context.mark.line), column \(context.mark.column); each key may appear once\n"
                + snippet(text, line: context.mark.line, column: context.mark.column)
        default:
            return "YAML error: \(yaml)"
        }
    }

    /// The source line (clipped to 160 characters) with a caret under `column`.
    static func snippet(_ text: String, line: Int, column: Int) -> String {
        var current = 1
        var found: Substring = ""
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                found = l
                break
            }
            current += 1
        }
        let clipped = String(found.prefix(160)).replacingOccurrences(of: "\r", with: "")
        let caret = column >= 1 && column <= 161 ? String(repeating: " ", count: column - 1) + "^" : ""
        return "  " + clipped + (caret.isEmpty ? "" : "\n  " + caret)
    }
}
