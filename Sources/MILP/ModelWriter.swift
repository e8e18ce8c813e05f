// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A file format for a whole model.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP format (`.lp`), as read by GLPK's `glp_read_lp`, CPLEX, Gurobi and HiGHS.
    case lp
    /// Free MPS format (`.mps`), as read by GLPK's `glp_read_mps(GLP_MPS_FILE)` and most solvers.
    case mps

    /// The format named by the path's extension (`.lp` or `.mps`, any case); nil for any other.
    public init?(path: String) {
        let ext = (path as NSString).pathExtension.lowercased()
        self.init(rawValue: ext)
    }

    /// The writer for this format.
    public var writer: any ModelWriter {
        switch self {
        case .lp: return LPWriter()
        case .mps: return MPSWriter()
        }
    }
}

/// Renders a model as the text of one file format. One type per format.
///
/// Output is deterministic: the same model gives the same bytes (no dates, no hashing order).
/// Names are those of `ModelNames`, so they are legal and unique in every format.
public protocol ModelWriter: Sendable {
    var format: ModelFileFormat { get }
    /// The file's text. Throws the first `Model.validationErrors()` entry for an invalid model.
    func render(_ model: Model) throws(MILPError) -> String
}

/// Writes `model` to `path` in the format its extension names (`.lp` or `.mps`), atomically.
///
/// The model is validated first; the file is written to a temporary file in the same folder
/// and renamed over `path`, so a reader never sees half a file.
public func writeModel(_ model: Model, to path: String) throws(MILPError) {
    guard let format = ModelFileFormat(path: path) else {
        throw .io(path: path, message: "unknown model file extension; use .lp (CPLEX LP) or .mps (free MPS)")
    }
    let text = try format.writer.render(model)
    try AtomicFile.write(text, to: path)
}

/// Shared number and line formatting for the writers.
enum WriterFormat {
    /// Shortest text that reads back to exactly `value`: integers without a decimal point,
    /// otherwise Swift's round-tripping `description` (`0.1`, `1e-07`, `2.5e+20`). `-0` prints as `0`.
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A one-line comment body: control characters (newlines included) replaced by spaces.
    static func commentText(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
