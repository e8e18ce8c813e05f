// SPDX-License-Identifier: GPL-3.0-or-later
//
// The progress line of a long solve, on stderr: elapsed time, the best verified plan, the proven
// bound, the gap and the search's node count. On a terminal it redraws one line a few times a
// second; otherwise (--progress into a log) it writes one line at most once a second.

import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation

final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal: Bool
    private let minimumIntervalSeconds: Double
    private var lastShown = -Double.infinity
    private var drawn = false

    /// Nil when progress should not be shown (stderr is not a terminal and --progress was not given).
    static func make(requested: Bool) -> ProgressDisplay? {
        let terminal = isatty(STDERR_FILENO) == 1
        guard requested || terminal else { return nil }
        return ProgressDisplay(terminal: terminal)
    }

    private init(terminal: Bool) {
        self.terminal = terminal
        self.minimumIntervalSeconds = terminal ? 0.25 : 1.0
    }

    func show(_ p: PlannerProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard p.elapsedSeconds - lastShown >= minimumIntervalSeconds else { return }
        lastShown = p.elapsedSeconds
        let line = Self.line(p)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            drawn = true
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Clears the terminal line before the result is printed.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if terminal && drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    static func line(_ p: PlannerProgress) -> String {
        var parts = [String(format: "%7.1f s", p.elapsedSeconds)]
        parts.append("best plan " + (p.bestPlanFen.map { Money.cny($0) + " CNY" } ?? "none yet"))
        if let b = p.boundFen { parts.append("bound " + Money.cny(Fen(b.rounded(.up))) + " CNY") }
        if let g = p.relativeGap { parts.append(String(format: "gap %.2f %%", g * 100)) }
        if p.masterSolve > 0 || p.nodes > 0 { parts.append("master \(max(p.masterSolve, 1)), \(p.nodes) nodes") }
        return parts.joined(separator: " | ")
    }
}
