// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation
import MILP

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Find the cheapest valid connection plan for a scenario.",
        discussion: "Prints the sources and consents, the route with pipe sizes, the pressure at every building, the bill of quantities and the cost.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the output to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .customLong("write-model"), help: "Write the MILP to FILE.lp or FILE.mps for inspection with other solvers.")
    var writeModel: String?

    @OptionGroup var solve: SolveOptionGroup

    func validate() throws {
        if let m = writeModel, !(m.hasSuffix(".lp") || m.hasSuffix(".mps")) {
            throw ValidationError("--write-model needs a file name ending in .lp or .mps, got '\(m)'.")
        }
    }

    func run() throws {
        let loaded = try loadScenario(file)
        let constraints = try solve.constraints(for: loaded.scenario)
        let stop = StopFlag()
        let handler = installInterruptHandler(stop)
        defer { handler.cancel() }
        let display = ProgressDisplay.make(requested: solve.progress)
        let options = solve.plannerOptions(constraints: constraints, stop: stop, display: display, writeModelPath: writeModel)
        let result: PlanningResult
        do {
            defer { display?.finish() }
            result = try RoutePlanner(scenario: loaded.scenario, options: options).plan()
        } catch let e as PlannerError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            if case .writeFailed = e { throw ExitCode(ExitStatus.badInput) }
            throw ExitCode(ExitStatus.internalError)
        }
        if solve.verbose { FileHandle.standardError.write(Data(result.solver.log.utf8)) }
        let report = PlanReport(scenario: loaded.scenario, result: result, warnings: loaded.warnings, reproducible: solve.reproducible)
        let text: String
        switch format {
        case .text: text = PlanTextFormatter().format(report)
        case .json: text = PlanJSONFormatter().format(report)
        }
        try emit(text, to: output)
        if result.plan == nil { throw ExitCode(ExitStatus.noPlan) }
    }
}
