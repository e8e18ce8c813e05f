// SPDX-License-Identifier: GPL-3.0-or-later
//
// The `connplan` command: a thin layer over the libraries. Each subcommand builds a request from
// its options, calls the library, prints the result, and turns it into an exit code:
//   0 a plan was found · 1 no valid plan (infeasible, or none within the time limit)
//   2 bad input (scenario file or options) · 3 internal error (a bug: please report it)

import ArgumentParser
import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation

@main
struct Connplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connplan",
        abstract: "Plans gas and water connections for old residential compounds.",
        discussion: """
            Exit status: 0 plan found, 1 no valid plan, 2 bad input, 3 internal error.
            Documentation: docs/tutorial.md, docs/reference/cli.md, docs/scenario-format.md.
            """,
        version: "0.1.0",
        subcommands: [PlanCommand.self, CostsCommand.self, CompareCommand.self, ScheduleCommand.self, ReportCommand.self, ExportCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command with connplan's exit codes (ArgumentParser's usage errors become status 2).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.badInput)
        }
    }
}

enum ExitStatus {
    static let planFound: Int32 = 0
    static let noPlan: Int32 = 1
    static let badInput: Int32 = 2
    static let internalError: Int32 = 3
}
