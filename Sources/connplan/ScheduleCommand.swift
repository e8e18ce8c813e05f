// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import ConnplanSchedule
import Foundation
import GLPKBackend

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Schedule the works of the optimal plan: crews, calendar, critical path, connection dates and outage cost.",
        discussion: """
            Needs a 'schedule' section in the scenario (docs/scenario-format.md#schedule). Works on the optimal plan, \
            or on a variant fixed with --forbid/--require. Formats: text (Gantt chart), json, csv, ics (iCalendar), \
            mspdi (Microsoft Project XML).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, ics, mspdi }

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("format"), help: "Output format: text, json, csv, ics or mspdi.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the output to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .customLong("schedule-time-limit"), help: "Seconds for the scheduling MILP (the heuristic schedule is kept if it runs out).")
    var scheduleTimeLimit: Double = 20

    @OptionGroup var solve: SolveOptionGroup

    func validate() throws {
        if !(scheduleTimeLimit > 0 && scheduleTimeLimit.isFinite) {
            throw ValidationError("--schedule-time-limit must be a positive number of seconds, got \(scheduleTimeLimit).")
        }
    }

    func run() throws {
        let loaded = try loadScenario(file)
        let scenario = loaded.scenario
        guard scenario.hasSchedule else {
            FileHandle.standardError.write(Data((ScheduleError.noScheduleSection(file: file).description + "\n").utf8))
            throw ExitCode(ExitStatus.badInput)
        }
        let options = PlannerOptions(
            timeLimitSeconds: solve.timeLimitSeconds, relativeGap: solve.relativeGap, constraints: try solve.constraints(for: scenario))
        let result: PlanningResult
        do { result = try RoutePlanner(scenario: scenario, options: options).plan() } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        guard let plan = result.plan else {
            let report = PlanReport(scenario: scenario, result: result, reproducible: solve.reproducible)
            FileHandle.standardError.write(Data(("No plan, so nothing to schedule.\n" + PlanTextFormatter().format(report)).utf8))
            throw ExitCode(ExitStatus.noPlan)
        }
        let scheduleOptions = ScheduleOptions(timeLimitSeconds: scheduleTimeLimit)
        let schedule: ScheduleResult
        do {
            schedule = try Scheduler(
                scenario: scenario, plan: plan, options: scheduleOptions, solver: GLPKSolver(), backendName: "GLPK \(GLPKSolver.version())"
            ).schedule()
        } catch let e as ScheduleError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            if case .unschedulable = e { throw ExitCode(ExitStatus.noPlan) }
            throw ExitCode(ExitStatus.internalError)
        }
        let report = ScheduleReport(scenario: scenario, plan: plan, schedule: schedule, reproducible: solve.reproducible)
        let formatter: any ScheduleFormatter
        switch format {
        case .text: formatter = ScheduleTextFormatter()
        case .json: formatter = ScheduleJSONFormatter()
        case .csv: formatter = ScheduleCSVFormatter()
        case .ics: formatter = ScheduleICSFormatter()
        case .mspdi: formatter = ScheduleMSPDIFormatter()
        }
        try emit(formatter.format(report), to: output)
        if solve.verbose { FileHandle.standardError.write(Data("schedule: \(schedule.solver.note)\n".utf8)) }
    }
}
