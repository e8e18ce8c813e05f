// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// What a number must satisfy, with the words used in messages.
enum NumberRule {
    case any
    case positive
    case nonNegative
    /// lo < x ≤ hi
    case positiveAtMost(Double)
    /// lo ≤ x ≤ hi
    case within(Double, Double)
    /// x ≥ lo
    case atLeast(Double)

    func accepts(_ x: Double) -> Bool {
        switch self {
        case .any: return true
        case .positive: return x > 0
        case .nonNegative: return x >= 0
        case .positiveAtMost(let hi): return x > 0 && x <= hi
        case .within(let lo, let hi): return x >= lo && x <= hi
        case .atLeast(let lo): return x >= lo
        }
    }

    var words: String {
        switch self {
        case .any: return "a number"
        case .positive: return "a number greater than 0"
        case .nonNegative: return "a number of 0 or more"
        case .positiveAtMost(let hi): return "a number greater than 0 and at most \(Self.format(hi))"
        case .within(let lo, let hi): return "a number from \(Self.format(lo)) to \(Self.format(hi))"
        case .atLeast(let lo): return "a number of at least \(Self.format(lo))"
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Reads one mapping of the scenario (a node, a segment, the `gas:` section, ...): typed getters
/// that report wrong types, missing keys and bad values, and a final check for unknown keys.
///
/// Every getter returns nil after reporting a problem, so the caller simply skips what it cannot
/// build and carries on; the loader throws once everything has been read.
final class ObjectReader {
    let node: SyntaxNode
    /// What the object is called in messages: "segment", "the gas section".
    let what: String
    /// The object's id once known, for `Finding.subject`.
    var subject: String?
    private let diag: Diagnostics
    /// Decides which utility-specific keys are allowed (nil: both, unchecked).
    var utility: Utility?
    private let commonKeys: [String]
    private let gasKeys: [String]
    private let waterKeys: [String]
    /// First occurrence of each key, in file order.
    private(set) var entries: [(key: String, keyNode: SyntaxNode, value: SyntaxNode)] = []
    private var index: [String: Int] = [:]

    /// Returns nil (after reporting) if `node` is not a mapping.
    init?(
        _ node: SyntaxNode, what: String, subject: String? = nil, diag: Diagnostics, utility: Utility?,
        keys: [String], gasKeys: [String] = [], waterKeys: [String] = []
    ) {
        guard case .mapping(let pairs) = node.kind else {
            diag.error(
                "wrong-type", at: node, subject: subject,
                "\(what) must be a mapping of keys to values, not \(ScalarValue.describe(node))",
                fix: "Write it as `key: value` lines (or a JSON object).")
            return nil
        }
        self.node = node
        self.what = what
        self.subject = subject
        self.diag = diag
        self.utility = utility
        self.commonKeys = keys
        self.gasKeys = gasKeys
        self.waterKeys = waterKeys
        for (keyNode, value) in pairs {
            guard let key = keyNode.scalarText else {
                diag.error(
                    "wrong-type", at: keyNode, subject: subject, "a key in \(what) is \(ScalarValue.describe(keyNode)), not a name",
                    fix: "Use plain names as keys.")
                continue
            }
            if let first = index[key] {
                diag.error(
                    "duplicate-key", at: keyNode, subject: subject,
                    "key '\(key)' appears twice in \(what) (first at line \(entries[first].keyNode.line))",
                    fix: "Keep only one '\(key)'.")
                continue
            }
            index[key] = entries.count
            entries.append((key, keyNode, value))
        }
    }

    // MARK: Presence

    /// The value node for `key`, nil if absent. An explicit null counts as absent.
    func value(_ key: String) -> SyntaxNode? {
        guard let i = index[key] else { return nil }
        let v = entries[i].value
        if case .scalar(let text, let quoted) = v.kind, ScalarValue.isNull(text: text, quoted: quoted) { return nil }
        return v
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// The key's own node (for locations), or the object's node.
    func keyNode(_ key: String) -> SyntaxNode {
        index[key].map { entries[$0].keyNode } ?? node
    }

    /// Where to report a problem about `key`: its value, else its key, else the object.
    func anchor(_ key: String) -> SyntaxNode {
        index[key].map { entries[$0].value } ?? node
    }

    func missing(_ key: String, _ expectation: String) {
        diag.error(
            "missing-key", at: node, subject: subject, "\(what) is missing the required key '\(key)'",
            fix: "Add '\(key):' with \(expectation).")
    }

    private func wrongType(_ key: String, _ value: SyntaxNode, _ expectation: String) {
        diag.error(
            "wrong-type", at: value, subject: subject,
            "'\(key)' in \(what) must be \(expectation), not \(ScalarValue.describe(value))",
            fix: "Write '\(key):' as \(expectation)\(expectation.contains("number") ? " without quotes" : "").")
    }

    func error(_ code: String, _ key: String, _ message: String, fix: String) {
        diag.error(code, at: anchor(key), subject: subject, message, fix: fix)
    }

    // MARK: Typed getters

    /// Any scalar as text (a plain `12` reads as "12"). Empty text is rejected.
    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required { missing(key, "a name") }
            return nil
        }
        guard case .scalar(let text, _) = v.kind else {
            wrongType(key, v, "text")
            return nil
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            error("invalid-value", key, "'\(key)' in \(what) is empty", fix: "Give '\(key)' a non-empty value.")
            return nil
        }
        return text
    }

    /// Reads `id` and makes it the subject of later findings.
    func id() -> String? {
        let id = string("id", required: true)
        if let id { subject = id }
        return id
    }

    func number(_ key: String, required: Bool = false, _ rule: NumberRule) -> Double? {
        guard let v = value(key) else {
            if required { missing(key, rule.words) }
            return nil
        }
        guard case .scalar(let text, let quoted) = v.kind, let x = ScalarValue.number(text: text, quoted: quoted) else {
            wrongType(key, v, rule.words)
            return nil
        }
        guard rule.accepts(x) else {
            diag.error(
                "out-of-range", at: v, subject: subject, "'\(key)' in \(what) is \(text); it must be \(rule.words)",
                fix: "Set '\(key)' to \(rule.words).")
            return nil
        }
        return x
    }

    /// A whole number ≥ `minimum` (`5` or `5.0`; not `5.5`).
    func integer(_ key: String, required: Bool = false, minimum: Int) -> Int? {
        let words = "a whole number of at least \(minimum)"
        guard let v = value(key) else {
            if required { missing(key, words) }
            return nil
        }
        guard case .scalar(let text, let quoted) = v.kind, let x = ScalarValue.number(text: text, quoted: quoted) else {
            wrongType(key, v, words)
            return nil
        }
        guard x == x.rounded(), abs(x) < 1e15, let n = Int(exactly: x) else {
            diag.error(
                "wrong-type", at: v, subject: subject, "'\(key)' in \(what) is \(text); it must be \(words)",
                fix: "Set '\(key)' to \(words).")
            return nil
        }
        guard n >= minimum else {
            diag.error(
                "out-of-range", at: v, subject: subject, "'\(key)' in \(what) is \(text); it must be \(words)",
                fix: "Set '\(key)' to \(words).")
            return nil
        }
        return n
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let text, let quoted) = v.kind, let b = ScalarValue.bool(text: text, quoted: quoted) else {
            wrongType(key, v, "true or false")
            return nil
        }
        return b
    }

    /// Money in CNY (keys end `_cny`) as integer fen, exact; must be ≥ 0.
    func money(_ key: String, required: Bool = false) -> Fen? {
        guard let v = value(key) else {
            if required { missing(key, "an amount in CNY such as 2350 or 1500.50") }
            return nil
        }
        return Self.money(v, key: key, what: what, subject: subject, diag: diag)
    }

    static func money(_ v: SyntaxNode, key: String, what: String, subject: String?, diag: Diagnostics) -> Fen? {
        let words = "an amount in CNY such as 2350 or 1500.50"
        guard case .scalar(let text, let quoted) = v.kind, !quoted, ScalarValue.isNumberSyntax(text) else {
            diag.error(
                "wrong-type", at: v, subject: subject, "'\(key)' in \(what) must be \(words), not \(ScalarValue.describe(v))",
                fix: "Write '\(key)' as a plain decimal number without quotes.")
            return nil
        }
        switch FenParser.parse(text) {
        case .fen(let fen) where fen >= 0:
            return fen
        case .fen:
            diag.error(
                "out-of-range", at: v, subject: subject, "'\(key)' in \(what) is \(text); money must not be negative",
                fix: "Set '\(key)' to 0 or more.")
        case .tooManyDecimals:
            diag.error(
                "money-precision", at: v, subject: subject,
                "'\(key)' in \(what) is \(text), which has more than 2 decimals (money is counted in whole fen, 0.01 CNY)",
                fix: "Round '\(key)' to at most 2 decimals.")
        case .notDecimal:
            diag.error(
                "wrong-type", at: v, subject: subject, "'\(key)' in \(what) is \(text); write money as plain decimal digits",
                fix: "Write '\(key)' without an exponent, e.g. 12000 instead of 1.2e4.")
        case .outOfRange:
            diag.error(
                "out-of-range", at: v, subject: subject, "'\(key)' in \(what) is \(ScalarValue.clip(text)), which is implausibly large",
                fix: "Check the amount; connplan accepts up to 10 trillion CNY.")
        }
        return nil
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false, _: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard let v = value(key) else {
            if required { missing(key, "one of \(Suggestion.list(allowed))") }
            return nil
        }
        guard case .scalar(let text, _) = v.kind else {
            wrongType(key, v, "one of \(Suggestion.list(allowed))")
            return nil
        }
        if let e = E(rawValue: text) { return e }
        let hint = Suggestion.closest(to: text, in: allowed).map { "Did you mean '\($0)'? " } ?? ""
        diag.error(
            "invalid-value", at: v, subject: subject,
            "'\(key)' in \(what) is '\(ScalarValue.clip(text))'; allowed values: \(Suggestion.list(allowed))",
            fix: "\(hint)Use one of \(Suggestion.list(allowed)).")
        return nil
    }

    func mapping(_ key: String, required: Bool = false) -> SyntaxNode? {
        guard let v = value(key) else {
            if required { missing(key, "a mapping") }
            return nil
        }
        guard v.isMapping else {
            wrongType(key, v, "a mapping (`key: value` lines)")
            return nil
        }
        return v
    }

    func list(_ key: String, required: Bool = false) -> [SyntaxNode]? {
        guard let v = value(key) else {
            if required { missing(key, "a list") }
            return nil
        }
        guard case .sequence(let items) = v.kind else {
            wrongType(key, v, "a list (lines starting with '- ')")
            return nil
        }
        return items
    }

    /// Reports a pair of keys that must not both be given.
    func exclusive(_ a: String, _ b: String) -> Bool {
        guard has(a), has(b) else { return true }
        diag.error(
            "conflicting-keys", at: keyNode(b), subject: subject, "\(what) gives both '\(a)' and '\(b)'",
            fix: "Keep only one of '\(a)' and '\(b)'.")
        return false
    }

    // MARK: Unknown keys

    /// Reports keys that are not allowed here: unknown ones (with a "did you mean"), and ones that
    /// belong to the other utility.
    func finish() {
        let gasOnly = Set(gasKeys)
        let waterOnly = Set(waterKeys)
        let common = Set(commonKeys)
        let allowedHere: [String] =
            switch utility {
            case .gas: commonKeys + gasKeys
            case .water: commonKeys + waterKeys
            case nil: commonKeys + gasKeys + waterKeys
            }
        for entry in entries {
            let key = entry.key
            if common.contains(key) { continue }
            if gasOnly.contains(key) || waterOnly.contains(key) {
                guard let utility else { continue }
                let belongs: Utility = gasOnly.contains(key) ? .gas : .water
                if belongs == utility { continue }
                let counterpart = Self.counterparts[key].map { " (\(utility.rawValue) scenarios use '\($0)')" } ?? ""
                diag.error(
                    "wrong-utility", at: entry.keyNode, subject: subject,
                    "'\(key)' in \(what) applies only to \(belongs.rawValue) scenarios, but this scenario is \(utility.rawValue)\(counterpart)",
                    fix: "Remove '\(key)', or set `utility: \(belongs.rawValue)` if the scenario is for \(belongs.rawValue).")
                continue
            }
            let fix: String
            if let near = Suggestion.closest(to: key, in: allowedHere) {
                fix = "Did you mean '\(near)'?"
            } else {
                fix = "Remove it; the keys allowed here are \(Suggestion.list(allowedHere))."
            }
            diag.error("unknown-key", at: entry.keyNode, subject: subject, "unknown key '\(ScalarValue.clip(key))' in \(what)", fix: fix)
        }
    }

    /// The other utility's key for the same idea, for wrong-utility messages.
    static let counterparts: [String: String] = [
        "roughness_mm": "hazen_williams_c", "hazen_williams_c": "roughness_mm",
        "min_pressure_kpa": "min_head_m", "min_head_m": "min_pressure_kpa",
        "pressure_kpa": "head_m' or 'pressure_head_m", "head_m": "pressure_kpa", "pressure_head_m": "pressure_kpa",
    ]
}
