// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ConnplanPlanner
import Foundation
import MILP

/// One solver on one instance, in a fresh process; the parent reads the JSON it writes.
struct RunOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-one", abstract: "Internal: run one solver on one instance and write a JSON record.",
        shouldDisplay: false)

    enum Solver: String, ExpressibleByArgument { case ours, plain }

    @Option var family: InstanceFamily
    @Option var size: Int
    @Option var seed: UInt64
    @Option var pressure: Bool
    @Option var solver: Solver
    @Option var timeLimit: Double
    @Option var gap: Double = 1e-6
    @Option var result: String
    @Option var connectivity: MasterConnectivity = .automatic
    @Option var branching: BranchingChoice = .automatic
    @Flag var noRoutesFirst = false
    @Flag var noSizesNext = false
    @Flag var noRouteSizing = false
    @Flag var noDownsizingRows = false

    func run() throws {
        let spec = InstanceSpec(family: family, size: size, seed: seed, pressure: pressure)
        let scenario = spec.scenario()
        let record: RunRecord
        switch solver {
        case .ours: record = SolverRuns.ours(scenario, timeLimitSeconds: timeLimit, connectivity: connectivity, branching: branching.rule,
            routesFirst: !noRoutesFirst, sizesNext: !noSizesNext, routeSizing: !noRouteSizing,
            downsizingRows: !noDownsizingRows)
        case .plain: record = SolverRuns.plainGLPK(scenario, timeLimitSeconds: timeLimit, relativeGap: gap)
        }
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: result))
    }
}

extension InstanceFamily: ExpressibleByArgument {}
extension MasterConnectivity: ExpressibleByArgument {}

/// The master's branching rule for our runs: chosen by the network (as `connplan plan`) or forced.
enum BranchingChoice: String, ExpressibleByArgument, CaseIterable {
    case automatic
    case mostFractional = "most-fractional"
    case hybridPseudocost = "hybrid-pseudocost"

    var rule: BranchingRule? {
        switch self {
        case .automatic: return nil
        case .mostFractional: return .mostFractional
        case .hybridPseudocost: return .hybridPseudocost
        }
    }
}
