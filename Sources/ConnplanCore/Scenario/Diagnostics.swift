// SPDX-License-Identifier: GPL-3.0-or-later

/// Collects findings while a scenario is read, so every problem is reported at once.
final class Diagnostics {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) { self.file = file }

    func location(_ node: SyntaxNode) -> SourceLocation {
        SourceLocation(file: node.file ?? file, line: node.line, column: node.column)
    }

    /// Other files read for this scenario (GeoJSON layers), in the order they are named.
    private(set) var otherFiles: [String] = []

    /// Records that findings may name `path`; their findings are listed in this order.
    func noteFile(_ path: String) { if path != file, !otherFiles.contains(path) { otherFiles.append(path) } }

    func error(_ code: String, at node: SyntaxNode, subject: String?, _ message: String, fix: String) {
        findings.append(Finding(.error, code: code, location: location(node), subject: subject, message: message, fix: fix))
    }

    func warning(_ code: String, at node: SyntaxNode, subject: String?, _ message: String, fix: String) {
        findings.append(Finding(.warning, code: code, location: location(node), subject: subject, message: message, fix: fix))
    }

    var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// Findings in file order (line, then column); ties keep the order they were found in.
    /// Findings in other files (GeoJSON layers) follow the scenario file's, file by file in the
    /// order the files were named (`noteFile`).
    var sortedFindings: [Finding] {
        var fileRank: [String: Int] = [file: 0]
        for other in otherFiles where fileRank[other] == nil { fileRank[other] = fileRank.count }
        for f in findings {
            if let other = f.location?.file, fileRank[other] == nil { fileRank[other] = fileRank.count }
        }
        return findings.enumerated().sorted { a, b in
            let la = a.element.location
            let lb = b.element.location
            let ka = (la.flatMap { fileRank[$0.file] } ?? 0, la?.line ?? 0, la?.column ?? 0)
            let kb = (lb.flatMap { fileRank[$0.file] } ?? 0, lb?.line ?? 0, lb?.column ?? 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}

/// "Did you mean" suggestions by Levenshtein distance.
enum Suggestion {
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate, if it is close enough to be a plausible typo (distance ≤ 2, or ≤ a
    /// third of the word for long words). Ties go to the first candidate in the given order.
    static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.count <= 200 else { return nil }
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = editDistance(word, candidate)
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// `'a', 'b', 'c'` — for messages listing allowed values.
    static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ", ") }
}
