// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the plan for other tools: GeoJSON for GIS, an EPANET .inp (water), a pandapipes script (gas).",
        discussion: """
            Works on the optimal plan, or on a variant fixed with --forbid/--require. Formats are described in \
            docs/reference/exports.md. Scenario warnings go to stderr; the file holds only the export.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case geojson, epanet, pandapipes

        var exporter: any PlanExport {
            switch self {
            case .geojson: GeoJSONExport()
            case .epanet: EPANETExport()
            case .pandapipes: PandapipesExport()
            }
        }
    }

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("format"), help: "geojson (gas or water), epanet (water) or pandapipes (gas).")
    var format: Format

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the export to this file (atomically) instead of stdout.")
    var output: String?

    @OptionGroup var solve: SolveOptionGroup

    func run() throws {
        let loaded = try loadScenario(file)
        let scenario = loaded.scenario
        let exporter = format.exporter
        // A format that cannot describe this utility is bad input: say so before solving anything.
        guard exporter.utilities.contains(scenario.utility) else {
            let other = scenario.utility == .gas ? "pandapipes" : "epanet"
            FileHandle.standardError.write(Data("""
                \(file): error: --format \(format.rawValue) describes \(format == .epanet ? "water" : "gas") networks, \
                but this is a \(scenario.utility.rawValue) scenario. Use --format \(other) (or --format geojson).

                """.utf8))
            throw ExitCode(ExitStatus.badInput)
        }
        for w in loaded.warnings { FileHandle.standardError.write(Data((w.description + "\n").utf8)) }
        let options = PlannerOptions(
            timeLimitSeconds: solve.timeLimitSeconds, relativeGap: solve.relativeGap, constraints: try solve.constraints(for: scenario))
        let result: PlanningResult
        do { result = try RoutePlanner(scenario: scenario, options: options).plan() } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.internalError)
        }
        if solve.verbose { FileHandle.standardError.write(Data(result.solver.log.utf8)) }
        guard let plan = result.plan else {
            let report = PlanReport(scenario: scenario, result: result, reproducible: solve.reproducible)
            FileHandle.standardError.write(Data(("Nothing to export.\n" + PlanTextFormatter().format(report)).utf8))
            throw ExitCode(ExitStatus.noPlan)
        }
        let text: String
        do { text = try exporter.export(scenario: scenario, plan: plan) } catch {
            FileHandle.standardError.write(Data("\(file): error: \(error)\n".utf8))
            throw ExitCode(ExitStatus.badInput)
        }
        try emit(text, to: output)
    }
}
