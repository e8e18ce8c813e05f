// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

struct ConnplanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connplan-bench",
        abstract: "Benchmark the route engine against plain GLPK and HiGHS on generated instances (issue 3).",
        discussion: "Each solver runs on each instance in its own process, so peak memory is per run. See docs/performance.md.",
        subcommands: [RunCommand.self, RunOneCommand.self],
        defaultSubcommand: RunCommand.self)
}
