// SPDX-License-Identifier: GPL-3.0-or-later
//
// A small HTML builder in which escaping is the default. Every string that comes from a scenario
// (names, ids, messages) is untrusted: it becomes markup only through `HTML(text:)` or an element's
// attribute, both of which escape & < > " ' (the five characters of the HTML Living Standard's
// "escaping a string" plus the apostrophe, so a value is safe in text and in either quote style).

/// A fragment of HTML that is safe to insert into a document.
///
/// Build it from text (escaped), from elements (tag names and attribute names are code constants;
/// attribute values are escaped), or, for markup the caller has produced with this type or checked
/// itself, with `init(trustedMarkup:)`. A string literal is text, so `"a < b"` renders as `a &lt; b`.
public struct HTML: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The markup, ready to write into a document.
    public private(set) var markup: String

    /// Text content: & < > " ' are escaped.
    public init(text: String) { markup = HTML.escape(text) }

    public init(stringLiteral value: String) { self.init(text: value) }

    /// Markup the caller vouches for (produced by this builder, or a constant in code). Never pass
    /// scenario data here.
    public init(trustedMarkup: String) { markup = trustedMarkup }

    /// Nothing.
    public static let empty = HTML(trustedMarkup: "")

    public var description: String { markup }
    public var isEmpty: Bool { markup.isEmpty }

    /// Escapes & < > " ' for use in text or in a quoted attribute value.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// An element with escaped attribute values and the given children. Attributes keep their order,
    /// so the output is deterministic; an attribute whose value is nil is left out.
    public static func element(_ tag: String, _ attributes: [(String, String?)] = [], _ children: [HTML] = []) -> HTML {
        var s = "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            s += " " + name + "=\"" + escape(value) + "\""
        }
        s += ">"
        if voidElements.contains(tag) { return HTML(trustedMarkup: s) }
        for c in children { s += c.markup }
        s += "</" + tag + ">"
        return HTML(trustedMarkup: s)
    }

    /// Convenience: an element with a class and children.
    public static func element(_ tag: String, class cls: String?, _ children: [HTML]) -> HTML {
        element(tag, [("class", cls)], children)
    }

    /// Convenience: an element whose only child is escaped text.
    public static func element(_ tag: String, _ attributes: [(String, String?)] = [], text: String) -> HTML {
        element(tag, attributes, [HTML(text: text)])
    }

    /// Fragments one after another.
    public static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(trustedMarkup: parts.map(\.markup).joined(separator: separator.markup))
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trustedMarkup: a.markup + b.markup) }
    public static func += (a: inout HTML, b: HTML) { a.markup += b.markup }

    /// A paragraph of text.
    public static func paragraph(_ text: String, class cls: String? = nil) -> HTML { element("p", [("class", cls)], text: text) }

    /// Elements that have no closing tag (HTML Living Standard §13.1.2).
    static let voidElements: Set<String> = ["br", "col", "hr", "img", "meta", "link", "wbr"]
}
