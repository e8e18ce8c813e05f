// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ConnplanCore
import ConnplanPlanner
import Foundation
import MILP

/// Generates the instances, runs every solver on each in a child process, prints a Markdown table.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmark (default).")

    enum PressureMode: String, ExpressibleByArgument, CaseIterable { case on, off, both }

    @Option(help: "Comma-separated sizes: k of the k×k grid, or the number of buildings for --family compound (default 5,7,10 / 3,5,8).")
    var sizes: String?
    @Option(help: "Seeds 1…N per size.")
    var seeds: Int = 1
    @Option(help: "Time limit per solver run, seconds.")
    var timeLimit: Double = 60
    @Option(help: "Relative gap for the plain GLPK and HiGHS runs (ours always proves to the fen).")
    var gap: Double = 1e-6
    @Option(help: "Pressure constraints: on (heads bind), off (heads never bind) or both.")
    var pressure: PressureMode = .off
    @Option(help: "Instance family: grid (issue 3 district) or compound.")
    var family: InstanceFamily = .grid
    @Flag(help: "Skip HiGHS.") var noHighs = false
    @Flag(help: "Skip plain GLPK.") var noPlain = false
    @Flag(help: "Skip our planner (only write files or run the plain solvers).") var noOurs = false
    @Option(help: "Write each instance as a scenario YAML file into this directory.")
    var writeScenario: String?
    @Option(help: "Write the plain model as MPS; with several instances the instance name is inserted before the extension.")
    var writePlainMps: String?
    @Option(help: "Directory for temporary MPS files and the HiGHS script (default: a fresh temporary directory).")
    var workDir: String?
    @Option(help: "Our master's connectivity rows: commodity-flows, dicuts or automatic (as connplan plan).")
    var connectivity: MasterConnectivity = .automatic
    @Option(help: "Our master's branching rule: automatic (by the network, as connplan plan), most-fractional or hybrid-pseudocost.")
    var branching: BranchingChoice = .automatic
    @Flag(help: "Our master branches by its rule alone, not on routes first where pressure can bind (PlannerOptions.routesFirst = false).")
    var noRoutesFirst = false
    @Flag(help: "Our master leaves pipe sizes to its branching rule instead of branching on them by their own pseudocosts, after the routes where it has route columns (PlannerOptions.sizesNext = false).")
    var noSizesNext = false
    @Flag(help: "Our master does not bound subproblems by the exact sizing of the route their LP lays (PlannerOptions.routeSizing = false).")
    var noRouteSizing = false
    @Flag(help: "Our master leaves out the rows that keep each pipe the cheapest that carries its load where pressure cannot bind (PlannerOptions.downsizingRows = false).")
    var noDownsizingRows = false

    func validate() throws {
        guard parsedSizes != nil else { throw ValidationError("--sizes must be comma-separated whole numbers ≥ 2") }
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    }

    var parsedSizes: [Int]? {
        guard let text = sizes else { return family == .grid ? [5, 7, 10] : [3, 5, 8] }
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 2 }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() throws {
        let pressures: [Bool] = pressure == .both ? [false, true] : [pressure == .on]
        var specs: [InstanceSpec] = []
        for size in parsedSizes! {
            for p in pressures { for seed in 1...seeds { specs.append(InstanceSpec(family: family, size: size, seed: UInt64(seed), pressure: p)) } }
        }
        let work = workDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("connplan-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let highs = !noHighs && HighsRun.available()
        if !noHighs && !highs { FileHandle.standardError.write(Data("note: python3 cannot import highspy; HiGHS column skipped (pip install highspy)\n".utf8)) }

        var rows: [BenchRow] = []
        for spec in specs {
            let scenario = spec.scenario()
            if let dir = writeScenario {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                let path = (dir as NSString).appendingPathComponent("\(spec.name).yaml")
                try ScenarioYAMLWriter.render(scenario).write(toFile: path, atomically: true, encoding: .utf8)
                checkRoundTrip(path)
            }
            let mpsPath: String
            if let target = writePlainMps {
                mpsPath = specs.count == 1 ? target
                    : ((target as NSString).deletingPathExtension + "-\(spec.name)." + ((target as NSString).pathExtension.isEmpty ? "mps" : (target as NSString).pathExtension))
            } else {
                mpsPath = (work as NSString).appendingPathComponent("\(spec.name).mps")
            }
            if writePlainMps != nil || highs {
                try FileManager.default.createDirectory(
                    atPath: (mpsPath as NSString).deletingLastPathComponent.isEmpty ? "." : (mpsPath as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true)
                try writeModel(PlainFormulation.build(scenario), to: mpsPath)
            }

            var row = BenchRow(spec: spec, segments: scenario.segments.count, households: scenario.totalHouseholds)
            if !noOurs { row.ours = child(spec, solver: .ours, work: work) }
            if !noPlain { row.plain = child(spec, solver: .plain, work: work) }
            if highs { row.highs = HighsRun.run(mpsPath: mpsPath, timeLimitSeconds: timeLimit, relativeGap: gap, workDirectory: work) }
            FileHandle.standardError.write(Data("\(row.logLine)\n".utf8))
            rows.append(row)
        }
        print(BenchTable.markdown(rows, timeLimitSeconds: timeLimit))
        if workDir == nil { try? FileManager.default.removeItem(atPath: work) }
    }

    /// Loads a written scenario back with the real loader, so a format slip shows up at once.
    func checkRoundTrip(_ path: String) {
        do {
            let loaded = try ScenarioLoader.load(path: path)
            for w in loaded.warnings { FileHandle.standardError.write(Data("\(path): warning: \(w)\n".utf8)) }
        } catch {
            FileHandle.standardError.write(Data("\(path): the written scenario does not load: \(error)\n".utf8))
        }
    }

    func child(_ spec: InstanceSpec, solver: RunOneCommand.Solver, work: String) -> RunRecord {
        let resultPath = (work as NSString).appendingPathComponent("\(spec.name)-\(solver.rawValue).json")
        let name = solver == .ours ? "ours" : "plain-glpk"
        let args = [ChildProcess.selfPath, "run-one", "--family", spec.family.rawValue, "--size", "\(spec.size)", "--seed", "\(spec.seed)",
                    "--pressure", "\(spec.pressure)", "--solver", solver.rawValue, "--time-limit", "\(timeLimit)", "--gap", "\(gap)",
                    "--connectivity", connectivity.rawValue, "--branching", branching.rawValue, "--result", resultPath]
            + (noRoutesFirst ? ["--no-routes-first"] : []) + (noSizesNext ? ["--no-sizes-next"] : [])
            + (noRouteSizing ? ["--no-route-sizing"] : []) + (noDownsizingRows ? ["--no-downsizing-rows"] : [])
        do {
            let r = try ChildProcess.run(args, timeoutSeconds: timeLimit * 2 + 30)
            if r.timedOut { return RunRecord(solver: name, status: "timeout", message: "killed after \(timeLimit * 2 + 30) s") }
            guard r.exitCode == 0, let data = FileManager.default.contents(atPath: resultPath),
                let record = try? JSONDecoder().decode(RunRecord.self, from: data)
            else { return RunRecord(solver: name, status: "error", message: "child exit \(r.exitCode): \(r.stderr.suffix(400))") }
            return record
        } catch {
            return RunRecord(solver: name, status: "error", message: "\(error)")
        }
    }
}
