// SPDX-License-Identifier: GPL-3.0-or-later

/// A strict RFC 8259 JSON parser that produces `SyntaxNode`s with line and column.
///
/// JSON is meant to go through Yams like YAML (JSON is YAML flow style), but libyaml rejects some
/// valid JSON: a tab before the top-level value, UTF-16 surrogate-pair escapes (`\ud83d\ude00`) and
/// repeated keys. When Yams fails on a file that starts with `{` or `[`, the loader retries with this
/// parser. Columns count Unicode scalars from 1, as libyaml does, so locations agree between paths.
struct JSONFallbackParser {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    static let maximumDepth = 1_000

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(text: String) {
        var s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" { s.removeFirst() }
        scalars = s
    }

    /// True if the first significant character of `text` opens a JSON object or array.
    static func looksLikeJSON(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{FEFF}", " ", "\t", "\n", "\r": continue
            case "{", "[": return true
            default: return false
            }
        }
        return false
    }

    static func parse(_ text: String) throws(Failure) -> SyntaxNode {
        var parser = JSONFallbackParser(text: text)
        parser.skipWhitespace()
        let root = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.scalars.count else {
            throw parser.failure("unexpected text after the end of the JSON value")
        }
        return root
    }

    // MARK: Grammar

    private mutating func value(depth: Int) throws(Failure) -> SyntaxNode {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        guard let c = peek() else { throw failure("unexpected end of file, expected a value") }
        let (startLine, startColumn) = (line, column)
        switch c {
        case "{":
            advance()
            var pairs: [(key: SyntaxNode, value: SyntaxNode)] = []
            skipWhitespace()
            if peek() == "}" {
                advance()
                return SyntaxNode(kind: .mapping(pairs), line: startLine, column: startColumn)
            }
            while true {
                skipWhitespace()
                guard peek() == "\"" else { throw failure("expected a quoted key") }
                let key = try string()
                skipWhitespace()
                guard peek() == ":" else { throw failure("expected ':' after the key") }
                advance()
                skipWhitespace()
                let item = try value(depth: depth + 1)
                pairs.append((key, item))
                skipWhitespace()
                if peek() == "," {
                    advance()
                    continue
                }
                if peek() == "}" {
                    advance()
                    break
                }
                throw failure("expected ',' or '}' in an object")
            }
            return SyntaxNode(kind: .mapping(pairs), line: startLine, column: startColumn)
        case "[":
            advance()
            var items: [SyntaxNode] = []
            skipWhitespace()
            if peek() == "]" {
                advance()
                return SyntaxNode(kind: .sequence(items), line: startLine, column: startColumn)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                if peek() == "," {
                    advance()
                    continue
                }
                if peek() == "]" {
                    advance()
                    break
                }
                throw failure("expected ',' or ']' in an array")
            }
            return SyntaxNode(kind: .sequence(items), line: startLine, column: startColumn)
        case "\"":
            return try string()
        default:
            // Literals and numbers: read the bare word and check it.
            var word = ""
            while let s = peek(), !" \t\r\n,:]}[{\"".unicodeScalars.contains(s) {
                word.unicodeScalars.append(s)
                advance()
            }
            let isJSONNumber = Self.isJSONNumber(word)
            guard word == "true" || word == "false" || word == "null" || isJSONNumber else {
                line = startLine
                column = startColumn
                throw failure(word.isEmpty ? "expected a value" : "'\(ScalarValue.clip(word))' is not a JSON value")
            }
            return SyntaxNode(kind: .scalar(text: word, quoted: false), line: startLine, column: startColumn)
        }
    }

    private mutating func string() throws(Failure) -> SyntaxNode {
        let (startLine, startColumn) = (line, column)
        advance()  // opening quote
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw failure("unterminated string (started at line \(startLine), column \(startColumn))") }
            if c == "\"" {
                advance()
                break
            }
            if c.value < 0x20 { throw failure("control character U+\(hex(c.value)) in a string; escape it") }
            if c != "\\" {
                text.append(c)
                advance()
                continue
            }
            advance()
            guard let e = peek() else { throw failure("unterminated escape") }
            advance()
            switch e {
            case "\"": text.append("\"")
            case "\\": text.append("\\")
            case "/": text.append("/")
            case "b": text.append("\u{08}")
            case "f": text.append("\u{0C}")
            case "n": text.append("\n")
            case "r": text.append("\r")
            case "t": text.append("\t")
            case "u":
                let high = try hex4()
                if (0xD800...0xDBFF).contains(high) {
                    guard peek() == "\\" else { throw failure("unpaired high surrogate \\u\(hex(high))") }
                    advance()
                    guard peek() == "u" else { throw failure("unpaired high surrogate \\u\(hex(high))") }
                    advance()
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid low surrogate \\u\(hex(low))") }
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    guard let s = Unicode.Scalar(code) else { throw failure("invalid surrogate pair") }
                    text.append(s)
                } else {
                    guard let s = Unicode.Scalar(high) else { throw failure("unpaired low surrogate \\u\(hex(high))") }
                    text.append(s)
                }
            default:
                throw failure("invalid escape '\\\(e)'")
            }
        }
        return SyntaxNode(kind: .scalar(text: String(text), quoted: true), line: startLine, column: startColumn)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek(), let d = Self.hexDigit(c) else { throw failure("expected 4 hexadecimal digits after \\u") }
            v = v * 16 + d
            advance()
        }
        return v
    }

    // MARK: Helpers

    private static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    /// RFC 8259 number: `-? (0 | [1-9] digits) (. digits)? ([eE] [+-]? digits)?`.
    static func isJSONNumber(_ word: String) -> Bool {
        var s = Array(word.utf8)[...]
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        if s.first == UInt8(ascii: "-") { s = s.dropFirst() }
        let intPart = s.prefix(while: isDigit)
        guard !intPart.isEmpty, intPart.count == 1 || intPart.first != UInt8(ascii: "0") else { return false }
        s = s.dropFirst(intPart.count)
        if s.first == UInt8(ascii: ".") {
            s = s.dropFirst()
            let frac = s.prefix(while: isDigit)
            guard !frac.isEmpty else { return false }
            s = s.dropFirst(frac.count)
        }
        if let e = s.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            s = s.dropFirst()
            if let sign = s.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { s = s.dropFirst() }
            let exp = s.prefix(while: isDigit)
            guard !exp.isEmpty else { return false }
            s = s.dropFirst(exp.count)
        }
        return s.isEmpty
    }

    private func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private func failure(_ message: String) -> Failure { Failure(line: line, column: column, message: message) }
}
