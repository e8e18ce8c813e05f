// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Yams

/// A parsed scenario document before interpretation: scalars keep their source text, every node
/// keeps its 1-based line and column. Both the YAML path (Yams) and the JSON fallback produce it,
/// so everything after parsing is shared.
struct SyntaxNode {
    enum Kind {
        /// `text` is the scalar's content; `quoted` is true for quoted, literal and folded scalars
        /// (which are always text, never numbers, booleans or null).
        case scalar(text: String, quoted: Bool)
        /// Pairs in file order. Keys may repeat only in the JSON fallback (Yams rejects duplicates).
        case mapping([(key: SyntaxNode, value: SyntaxNode)])
        case sequence([SyntaxNode])
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// The file this node was read from, when it is not the scenario file itself (a GeoJSON
    /// layer); findings about it then name that file.
    var file: String? = nil

    var isMapping: Bool { if case .mapping = kind { return true } else { return false } }
    var isSequence: Bool { if case .sequence = kind { return true } else { return false } }

    /// Scalar text, whatever the style; nil for collections.
    var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// This tree with every node marked as read from `file`.
    func marked(file: String) -> SyntaxNode {
        var copy = self
        copy.file = file
        switch kind {
        case .scalar: break
        case .mapping(let pairs): copy.kind = .mapping(pairs.map { ($0.key.marked(file: file), $0.value.marked(file: file)) })
        case .sequence(let items): copy.kind = .sequence(items.map { $0.marked(file: file) })
        }
        return copy
    }
}

// MARK: - From Yams

extension SyntaxNode {
    /// Limits that keep a hostile file from exhausting memory: aliases in YAML can make a small
    /// file expand exponentially ("billion laughs"). Real scenarios stay far below both.
    static let maximumNodeCount = 2_000_000
    static let maximumDepth = 1_200

    struct TooLarge: Error {}

    /// Converts a Yams node tree (from `Yams.compose`), keeping marks. Aliases have already been
    /// resolved by Yams to the anchored node, so they report the anchor's location.
    static func from(yams root: Yams.Node) throws -> SyntaxNode {
        var budget = maximumNodeCount
        return try convert(root, depth: 0, budget: &budget)
    }

    private static func convert(_ node: Yams.Node, depth: Int, budget: inout Int) throws -> SyntaxNode {
        budget -= 1
        guard budget >= 0, depth <= maximumDepth else { throw TooLarge() }
        let mark = node.mark
        let line = mark?.line ?? 1
        let column = mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            return SyntaxNode(kind: .scalar(text: scalar.string, quoted: scalar.style != .plain), line: line, column: column)
        case .mapping(let mapping):
            var pairs: [(key: SyntaxNode, value: SyntaxNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                pairs.append((try convert(key, depth: depth + 1, budget: &budget), try convert(value, depth: depth + 1, budget: &budget)))
            }
            return SyntaxNode(kind: .mapping(pairs), line: line, column: column)
        case .sequence(let sequence):
            var items: [SyntaxNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget)) }
            return SyntaxNode(kind: .sequence(items), line: line, column: column)
        case .alias(let alias):
            // Yams resolves aliases while composing; an unresolved one is reported as text so the
            // type checks downstream name it instead of crashing.
            return SyntaxNode(kind: .scalar(text: "*\(alias.anchor.rawValue)", quoted: true), line: line, column: column)
        }
    }
}

// MARK: - Scalar interpretation

/// How connplan reads a scalar. YAML's own resolution rules differ between versions (YAML 1.1 reads
/// `no` as false), so the loader applies one small, documented set of rules to the source text.
enum ScalarValue {
    /// Plain `~`, `null`, `Null`, `NULL` or an empty plain value.
    static func isNull(text: String, quoted: Bool) -> Bool {
        !quoted && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    static func bool(text: String, quoted: Bool) -> Bool? {
        guard !quoted else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// True for plain decimal number syntax: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    /// Excludes `.inf`, `.nan`, hexadecimal and underscores.
    static func isNumberSyntax(_ text: String) -> Bool {
        var it = Array(text.utf8)[...]
        if let c = it.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { it = it.dropFirst() }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let intDigits = it.prefix(while: isDigit).count
        it = it.dropFirst(intDigits)
        var fracDigits = 0
        if it.first == UInt8(ascii: ".") {
            it = it.dropFirst()
            fracDigits = it.prefix(while: isDigit).count
            it = it.dropFirst(fracDigits)
        }
        guard intDigits + fracDigits > 0 else { return false }
        if let c = it.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            it = it.dropFirst()
            if let s = it.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { it = it.dropFirst() }
            let expDigits = it.prefix(while: isDigit).count
            guard expDigits > 0 else { return false }
            it = it.dropFirst(expDigits)
        }
        return it.isEmpty
    }

    /// A finite number from a plain scalar, or nil.
    static func number(text: String, quoted: Bool) -> Double? {
        guard !quoted, isNumberSyntax(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Words for a value in a message: `the text "abc"`, `the number 12`, `a list`.
    static func describe(_ node: SyntaxNode) -> String {
        switch node.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let quoted):
            if isNull(text: text, quoted: quoted) { return "nothing (null)" }
            if !quoted, isNumberSyntax(text) { return "the number \(clip(text))" }
            if let b = bool(text: text, quoted: quoted) { return b ? "true" : "false" }
            return "the text \"\(clip(text))\""
        }
    }

    static func clip(_ s: String, _ limit: Int = 40) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: "\\n")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
