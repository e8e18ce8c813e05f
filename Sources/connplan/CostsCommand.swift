// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanExport
import ConnplanFinance
import ConnplanPlanner
import Foundation
import MILP

struct CostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costs",
        abstract: "Who pays what: the cost-share plan per household and per party, reconciled to the fen.",
        discussion: "Works on the optimal plan, or on a variant fixed with --forbid/--require.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, xlsx }

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("format"), help: "Output format: text, json, csv or xlsx (xlsx needs -o).")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the output to this file (atomically) instead of stdout.")
    var output: String?

    @OptionGroup var solve: SolveOptionGroup

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx writes a file: add -o FILE.xlsx.") }
    }

    func run() throws {
        let loaded = try loadScenario(file)
        let scenario = loaded.scenario
        let stop = StopFlag()
        let handler = installInterruptHandler(stop)
        defer { handler.cancel() }
        let display = ProgressDisplay.make(requested: solve.progress)
        let options = solve.plannerOptions(constraints: try solve.constraints(for: scenario), stop: stop, display: display)
        let result: PlanningResult
        do {
            defer { display?.finish() }
            result = try RoutePlanner(scenario: scenario, options: options).plan()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        guard let plan = result.plan else {
            let report = PlanReport(scenario: scenario, result: result, reproducible: solve.reproducible)
            FileHandle.standardError.write(Data(PlanTextFormatter().format(report).utf8))
            throw ExitCode(ExitStatus.noPlan)
        }
        let share = try costSharePlan(scenario: scenario, plan: plan, options: options)
        let report = CostShareReport(scenario: scenario, plan: plan, share: share)
        switch format {
        case .text: try emit(CostShareTextFormatter().format(report), to: output)
        case .json: try emit(CostShareJSONFormatter().format(report), to: output)
        case .csv: try emit(CostShareCSVFormatter().format(report), to: output)
        case .xlsx:
            do { try CostShareXLSXWriter().write(report, to: output!) } catch {
                FileHandle.standardError.write(Data("\(output!): error: cannot write the workbook: \(error)\n".utf8))
                throw ExitCode(ExitStatus.badInput)
            }
        }
        if share.status == .fundingGap { throw ExitCode(ExitStatus.noPlan) }
    }
}
