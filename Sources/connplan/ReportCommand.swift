// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import ConnplanReport
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the plan as one self-contained HTML report (map, route, pressures, costs, who pays what).",
        discussion: """
            The report needs no network and runs no scripts; it prints on A4. Without a plan (infeasible) it explains why.
            Exit status as for plan: 0 plan found, 1 no plan or a funding gap (the report is still written), 2 bad input, 3 internal error.
            """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @OptionGroup var solve: SolveOptionGroup

    func run() throws {
        let loaded = try loadScenario(file)
        let scenario = loaded.scenario
        let constraints = try solve.constraints(for: scenario)
        let options = PlannerOptions(timeLimitSeconds: solve.timeLimitSeconds, relativeGap: solve.relativeGap, constraints: constraints)
        let result: PlanningResult
        do { result = try RoutePlanner(scenario: scenario, options: options).plan() } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        if solve.verbose { FileHandle.standardError.write(Data(result.solver.log.utf8)) }
        // The cost-share plan, as `connplan costs` makes it: stand-alone costs without the variant's constraints.
        var share: CostSharePlan?
        if let plan = result.plan {
            var aloneOptions = options
            aloneOptions.constraints = PlanConstraints()
            let alone = StandAlone.costs(scenario: scenario, options: aloneOptions)
            do { share = try CostShareAllocator(scenario: scenario, plan: plan).allocate(standAloneCostFen: alone) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(ExitStatus.internalError)
            }
        }
        let input = ReportInput(
            scenario: scenario, result: result, warnings: loaded.warnings, costShare: share, constraints: constraints,
            reproducible: solve.reproducible)
        let document = ReportBuilder(input).document()
        try emit(document.render(), to: output)
        if result.plan == nil || share?.status == .fundingGap { throw ExitCode(ExitStatus.noPlan) }
    }
}
