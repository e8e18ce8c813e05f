// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanPlanner
import Foundation
import MILP

/// Options every planning subcommand shares.
struct SolveOptionGroup: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds and report the best plan found so far.")
    var timeLimitSeconds: Double?

    @Option(name: .customLong("gap"), help: "Accept a plan within this relative gap of the proven bound (0 = prove the cheapest).")
    var relativeGap: Double = 0

    @Option(name: .customLong("forbid"), help: "Forbid a segment, source or owner by id (repeatable).")
    var forbid: [String] = []

    @Option(name: .customLong("require"), help: "Require a segment, source or owner by id (repeatable).")
    var require: [String] = []

    @Flag(name: .customLong("verbose"), help: "Show the solver's log on stderr.")
    var verbose = false

    @Flag(name: .customLong("progress"), help: "Show the search's progress on stderr (incumbent, bound, gap, time); on by default when stderr is a terminal.")
    var progress = false

    @Flag(name: .customLong("reproducible"), help: "Leave wall-clock timings out of the output, so identical input gives identical bytes.")
    var reproducible = false

    func validate() throws {
        if let t = timeLimitSeconds, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit must be a positive number of seconds, got \(t).")
        }
        if !(relativeGap >= 0 && relativeGap < 1) {
            throw ValidationError("--gap must be at least 0 and below 1 (for example 0.01 for 1 %), got \(relativeGap).")
        }
    }

    /// Planner options from these flags; `display` receives the progress line (see ProgressDisplay).
    func plannerOptions(constraints: PlanConstraints, stop: StopFlag?, display: ProgressDisplay?, writeModelPath: String? = nil) -> PlannerOptions {
        PlannerOptions(
            timeLimitSeconds: timeLimitSeconds, relativeGap: relativeGap, writeModelPath: writeModelPath, constraints: constraints,
            stopFlag: stop, progress: display.map { d in { @Sendable (p: PlannerProgress) in d.show(p) } })
    }

    /// Checks --forbid/--require ids against the scenario; every unknown id is reported at once.
    func constraints(for scenario: Scenario) throws -> PlanConstraints {
        let known = Set(scenario.segments.map(\.id) + scenario.sources.map(\.id) + scenario.owners.map(\.id))
        let unknown = (forbid + require).filter { !known.contains($0) }
        let both = Set(forbid).intersection(require)
        var problems = unknown.map { "'\($0)' is not a segment, source or owner id in \(scenario.file)" }
        problems += both.sorted().map { "'\($0)' is both forbidden and required" }
        let refused = Set(scenario.owners.filter { $0.consent == .refused }.map(\.id))
        for id in require {
            if refused.contains(id) {
                problems.append("'\(id)' cannot be required: its consent is refused. Record the consent as pending or granted in \(scenario.file) to study that variant.")
            } else if let o = scenario.segments.first(where: { $0.id == id })?.ownerID ?? scenario.sources.first(where: { $0.id == id })?.ownerID,
                refused.contains(o)
            {
                problems.append("'\(id)' cannot be required: its owner '\(o)' refused consent. Record that consent as pending or granted in \(scenario.file) to study that variant.")
            }
        }
        // Contradictions between --forbid and --require through ownership.
        let forbidden = Set(forbid)
        for id in Set(require).subtracting(both).sorted() {
            let owner = scenario.segments.first { $0.id == id }?.ownerID ?? scenario.sources.first { $0.id == id }?.ownerID
            if let owner, forbidden.contains(owner) {
                problems.append("'\(id)' cannot be required: its owner '\(owner)' is forbidden. Drop --forbid \(owner) or --require \(id).")
            }
            let owned = scenario.segments.filter { $0.ownerID == id }.map(\.id) + scenario.sources.filter { $0.ownerID == id }.map(\.id)
            if scenario.owner(id) != nil, !owned.isEmpty, owned.allSatisfy({ forbidden.contains($0) }) {
                problems.append("owner '\(id)' cannot be required: everything it owns is forbidden (\(owned.joined(separator: ", "))).")
            }
        }
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
        return PlanConstraints(forbidden: Set(forbid), required: Set(require))
    }
}

/// Loads a scenario, printing every problem and exiting with status 2 on bad input.
func loadScenario(_ path: String) throws -> LoadedScenario {
    do {
        return try ScenarioLoader.load(path: path)
    } catch let e as ScenarioError {
        FileHandle.standardError.write(Data((e.description + "\n").utf8))
        throw ExitCode(ExitStatus.badInput)
    }
}

/// Writes text to stdout, or atomically to a file.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try AtomicFile.write(Data(text.utf8), to: path)
    } catch {
        FileHandle.standardError.write(Data("\(path): error: cannot write the output: \(error)\n".utf8))
        throw ExitCode(ExitStatus.badInput)
    }
}

/// Ctrl-C stops the solve cleanly: the best plan so far is printed with its gap.
func installInterruptHandler(_ flag: StopFlag) -> DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        if flag.isStopped { Foundation.exit(130) }
        flag.stop()
        FileHandle.standardError.write(Data("\nInterrupted: stopping and keeping the best plan found so far (Ctrl-C again to quit).\n".utf8))
    }
    source.resume()
    return source
}
