// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCompare
import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import ConnplanReport
import ConnplanSchedule
import Foundation
import GLPKBackend
import MILP

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

    @Flag(name: .customLong("no-options"), help: "Leave out the options compared, the consent what-if and the neighbour impact (one planner run instead of several).")
    var noOptions = false

    @Option(name: [.customShort("j"), .customLong("jobs")], help: "Planner runs at once for the options compared (default: the number of processor cores).")
    var jobs: Int?

    @OptionGroup var solve: SolveOptionGroup

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
    }

    func run() throws {
        let loaded = try loadScenario(file)
        let scenario = loaded.scenario
        let constraints = try solve.constraints(for: scenario)
        let stop = StopFlag()
        let handler = installInterruptHandler(stop)
        defer { handler.cancel() }
        let display = ProgressDisplay.make(requested: solve.progress)
        let options = solve.plannerOptions(constraints: constraints, stop: stop, display: display)
        let result: PlanningResult
        do {
            defer { display?.finish() }
            result = try RoutePlanner(scenario: scenario, options: options).plan()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        if solve.verbose { FileHandle.standardError.write(Data(result.solver.log.utf8)) }
        // The cost-share plan, as `connplan costs` makes it: stand-alone costs without the variant's constraints.
        let share = try result.plan.map { try costSharePlan(scenario: scenario, plan: $0, options: options) }
        let input = ReportInput(
            scenario: scenario, result: result, warnings: loaded.warnings, costShare: share, constraints: constraints,
            reproducible: solve.reproducible)
        var document = ReportBuilder(input).document()
        // The works schedule, when the scenario has the data for one.
        if let plan = result.plan, scenario.schedule != nil {
            do {
                let schedule = try Scheduler(
                    scenario: scenario, plan: plan, options: ScheduleOptions(), solver: GLPKSolver(),
                    backendName: "GLPK \(GLPKSolver.version())"
                ).schedule()
                try document.add(ScheduleSection.section(schedule))
            } catch let e as ScheduleError {
                // No booking slot fits, for instance: the report says so instead of a chart.
                try? document.add(ReportSection(id: .worksSchedule, title: "Works schedule", body: HTML.paragraph("No schedule: \(e.description)")))
            }
        }
        // The options side by side (the runs `connplan compare` makes), unless left out.
        if !noOptions {
            let compareOptions = CompareOptions(
                timeLimitSeconds: solve.timeLimitSeconds, relativeGap: solve.relativeGap,
                maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount, stopFlag: stop,
                backendName: "GLPK \(GLPKSolver.version())")
            do {
                var comparison = try OptionComparer(scenario: scenario, constraints: constraints, options: compareOptions) { GLPKSolver() }
                    .compare()
                OptionDurations.fill(&comparison)
                for section in ComparisonSections.sections(comparison) { try document.add(section) }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(ExitStatus.internalError)
            }
        }
        try emit(document.render(), to: output)
        if result.plan == nil || share?.status == .fundingGap { throw ExitCode(ExitStatus.noPlan) }
    }
}
