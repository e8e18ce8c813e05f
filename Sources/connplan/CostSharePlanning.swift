// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import Foundation

/// The cost-share plan of `plan`, as `connplan costs` and `connplan report` make it. Stand-alone
/// costs per building come from planner runs without the variant's --forbid/--require (a
/// building's alternative on its own is not bound by the variant) and without the progress line.
/// An allocator error is a bug: it is printed and the command exits 3.
func costSharePlan(scenario: Scenario, plan: Plan, options: PlannerOptions) throws -> CostSharePlan {
    var aloneOptions = options
    aloneOptions.constraints = PlanConstraints()
    aloneOptions.progress = nil
    let alone = StandAlone.costs(scenario: scenario, options: aloneOptions)
    do {
        return try CostShareAllocator(scenario: scenario, plan: plan).allocate(standAloneCostFen: alone)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode(ExitStatus.internalError)
    }
}
