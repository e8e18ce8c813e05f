// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCompare
import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation
import GLPKBackend
import MILP

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Every connection option side by side: cost, margin, consents, what-ifs, the safe plan, neighbour impact.",
        discussion: """
            One row per usable source (its best plan on its own) and the overall optimum; sources blocked by a \
            refused consent with what they would have cost; the best plan if each pending consent is refused; \
            the cheapest plan needing no pending consent; and, for sources with host data, the pressure at the \
            host's worst-placed household before and after. --forbid/--require apply to every run; \
            --time-limit and --gap to each run. Exit status 0 if at least one option has a plan, 1 if none.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the output to this file (atomically) instead of stdout.")
    var output: String?

    @Option(
        name: [.customShort("j"), .customLong("jobs")],
        help: "Planner runs at once (default: the number of processor cores; 1 runs them one after another).")
    var jobs: Int?

    @OptionGroup var solve: SolveOptionGroup

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
    }

    func run() throws {
        let loaded = try loadScenario(file)
        let constraints = try solve.constraints(for: loaded.scenario)
        let stop = StopFlag()
        let handler = installInterruptHandler(stop)
        defer { handler.cancel() }
        let options = CompareOptions(
            timeLimitSeconds: solve.timeLimitSeconds, relativeGap: solve.relativeGap,
            maxConcurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount, stopFlag: stop,
            backendName: "GLPK \(GLPKSolver.version())")
        var comparison: Comparison
        do {
            comparison = try OptionComparer(scenario: loaded.scenario, constraints: constraints, options: options) { GLPKSolver() }
                .compare()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        OptionDurations.fill(&comparison)
        if solve.verbose {
            for r in comparison.runs {
                guard case .solved(let res) = r.outcome, !res.solver.log.isEmpty else { continue }
                FileHandle.standardError.write(Data("=== run \(r.id) ===\n\(res.solver.log)".utf8))
            }
        }
        let report = CompareReport(comparison: comparison, warnings: loaded.warnings, reproducible: solve.reproducible)
        let text: String
        switch format {
        case .text: text = CompareTextFormatter().format(report)
        case .json: text = CompareJSONFormatter().format(report)
        }
        try emit(text, to: output)
        if !comparison.hasAvailablePlan { throw ExitCode(ExitStatus.noPlan) }
    }
}
