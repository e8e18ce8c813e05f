// SPDX-License-Identifier: GPL-3.0-or-later
//
// The duration column of `compare` (and of the report's options table): each option's plan is
// scheduled with the scenario's `schedule` section, one GLPK problem at a time on this thread.

import ConnplanCompare
import ConnplanCore
import ConnplanSchedule
import GLPKBackend

enum OptionDurations {
    /// Fills `durationWorkingDays` of every option with a plan (hypothetical ones too), when the
    /// scenario has a schedule section. An option whose plan cannot be scheduled keeps nil.
    static func fill(_ comparison: inout Comparison) {
        let scenario = comparison.scenario
        guard scenario.schedule != nil else { return }
        for i in comparison.options.indices {
            guard let plan = comparison.options[i].plan else { continue }
            let result = try? Scheduler(
                scenario: scenario, plan: plan, options: ScheduleOptions(), solver: GLPKSolver(),
                backendName: "GLPK \(GLPKSolver.version())"
            ).schedule()
            comparison.options[i].durationWorkingDays = result?.totalWorkingDays
        }
    }
}
