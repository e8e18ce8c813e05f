// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCompare
import ConnplanCore

/// What a comparison output needs: the comparison, the scenario's warnings, and whether to print timings.
public struct CompareReport: Sendable {
    public var comparison: Comparison
    public var warnings: [Finding]
    /// Leave out wall-clock figures and the machine's core count, so the same input gives the same bytes.
    public var reproducible: Bool
    public init(comparison: Comparison, warnings: [Finding] = [], reproducible: Bool = false) {
        self.comparison = comparison
        self.warnings = warnings
        self.reproducible = reproducible
    }
}

/// One output format of `connplan compare`. One type per format.
public protocol CompareFormatter {
    func format(_ report: CompareReport) -> String
}
