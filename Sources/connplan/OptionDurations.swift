// SPDX-License-Identifier: GPL-3.0-or-later
//
// The duration column of `compare` (and of the report's options table): each option's plan is
// scheduled with the scenario's `schedule` section, as many at a time as the comparison's runs
// (`--jobs`), each GLPK problem on the thread that solves it; results in option order.

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
        let planned = comparison.options.indices.filter { comparison.options[$0].plan != nil }
        let plans = planned.map { comparison.options[$0].plan! }
        // The body never throws (a plan that cannot be scheduled keeps nil), so neither does map.
        let days = (try? ParallelRuns.map(plans, maxConcurrent: comparison.maxConcurrentRuns) { plan in
            try? Scheduler(
                scenario: scenario, plan: plan, options: ScheduleOptions(), solver: GLPKSolver(),
                backendName: "GLPK \(GLPKSolver.version())"
            ).schedule().totalWorkingDays
        }) ?? []
        for (i, d) in zip(planned, days) { comparison.options[i].durationWorkingDays = d }
    }
}
