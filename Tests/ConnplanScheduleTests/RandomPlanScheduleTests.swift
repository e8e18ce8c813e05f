// SPDX-License-Identifier: GPL-3.0-or-later
//
// The whole pipeline on random plans: a random scenario (TestSupport's RandomScenarios) gets a
// random schedule section (calendar with holidays and make-up days, crews with extras and
// booking slots, productivity, durations, permits, negotiations, outage), the route engine plans
// it, and the scheduler's result must pass the independent ScheduleChecker: crews, calendar and
// precedences. Mutated schedules must fail it, so the checker is known to bite.

import ConnplanCore
import ConnplanPlanner
import GLPKBackend
import TestSupport
import XCTest

@testable import ConnplanSchedule

final class RandomPlanScheduleTests: XCTestCase {
    static let standards: StandardsData = try! Standards.load()

    /// A random schedule section for `scenario`. Deterministic for a seed.
    static func randomSettings(for scenario: Scenario, seed: UInt64) -> ScheduleSettings {
        var g = SeededGenerator(seed: seed &* 7919)
        let start = CalendarDate(dayNumber: CalendarDate(year: 2024, month: 1, day: 1)!.dayNumber + Int.random(in: 0...700, using: &g))
        var weekdays = Weekday.allCases.filter { _ in Int.random(in: 0...4, using: &g) > 0 }
        if weekdays.count < 2 { weekdays = [.mon, .wed, .fri] }
        var holidays: [DateRange] = []
        var cursor = start.adding(days: Int.random(in: 0...10, using: &g))
        for i in 0..<Int.random(in: 0...3, using: &g) {
            let length = Int.random(in: 1...6, using: &g)
            holidays.append(DateRange(from: cursor, to: cursor.adding(days: length - 1), name: "holiday \(i + 1)"))
            cursor = cursor.adding(days: length + Int.random(in: 5...25, using: &g))
        }
        // Make-up days on non-working weekdays outside the holidays.
        var makeUps: [DateRange] = []
        var d = start
        for _ in 0..<60 {
            d = d.adding(days: 1)
            if !weekdays.contains(d.weekday), !holidays.contains(where: { $0.contains(d) }), Int.random(in: 0...9, using: &g) == 0 {
                makeUps.append(DateRange(from: d, to: d))
            }
        }
        let calendar = WorkCalendar(startDate: start, workingWeekdays: weekdays, holidays: holidays, makeUpWorkingDays: makeUps)
        let withCost = Int.random(in: 0...2, using: &g) > 0
        var crews: [Crew] = []
        for type in CrewType.allCases {
            var crew = Crew(type: type, count: Int.random(in: 1...2, using: &g), dayRateFen: Int.random(in: 0...3, using: &g) * 50_000)
            if withCost && Bool.random(using: &g) {
                crew.extra = Int.random(in: 1...2, using: &g)
                crew.extraCostFen = Int.random(in: 1...20, using: &g) * 100_000
            }
            if type == .tieIn && Bool.random(using: &g) {
                // Weekly booking slots of 4–8 days, every 2–3 weeks, for a year.
                var slots: [DateRange] = []
                var s = start.adding(days: Int.random(in: 5...20, using: &g))
                while s < start.adding(days: 400) {
                    slots.append(DateRange(from: s, to: s.adding(days: Int.random(in: 4...8, using: &g))))
                    s = s.adding(days: Int.random(in: 14...21, using: &g))
                }
                crew.slots = slots
            }
            crews.append(crew)
        }
        let surfaces = Array(Set(scenario.segments.map(\.surface))).sorted()
        var trench: [String: Double] = [:]
        var pipe: [String: Double] = [:]
        for s in surfaces {
            trench[s] = Int.random(in: 0...5, using: &g) == 0 ? 0 : Double(Int.random(in: 5...40, using: &g))
            pipe[s] = Double(Int.random(in: 10...60, using: &g))
        }
        let productivity = Productivity(
            trenchMetresPerCrewDay: trench, pipeMetresPerCrewDay: pipe, householdsPerInstallerDay: Double(Int.random(in: 2...10, using: &g)),
            riserDaysPerBuilding: Int.random(in: 0...3, using: &g))
        let durations = FixedDurations(
            surveyAndDesignDays: Int.random(in: 0...6, using: &g), tieInDays: Int.random(in: 1...2, using: &g), regulatorBoxDays: 2,
            pressureTestDays: Int.random(in: 1...2, using: &g), commissioningDays: Int.random(in: 1...3, using: &g), permitDays: nil,
            negotiationDays: Int.random(in: 0...12, using: &g), procurementDays: Int.random(in: 0...6, using: &g))
        var permits: [PermitRule] = []
        if Bool.random(using: &g) { permits.append(PermitRule(ownerID: "own-a", durationWorkingDays: Int.random(in: 1...8, using: &g))) }
        var outage: OutageSettings?
        switch Int.random(in: 0...3, using: &g) {
        case 0: outage = nil
        case 1: outage = OutageSettings(existingSupplyKept: true)
        default:
            outage = OutageSettings(
                cutOff: start.adding(days: Int.random(in: -10...5, using: &g)),
                interimSupplyCostPerDayFen: withCost ? Int.random(in: 1...20, using: &g) * 10_000 : 0,
                costPerHouseholdDayFen: withCost && Bool.random(using: &g) ? Int.random(in: 1...5, using: &g) * 100 : 0,
                referenceOutageDays: 89)
        }
        return ScheduleSettings(
            calendar: calendar, crews: crews, productivity: productivity, durations: durations, permits: permits, outage: outage)
    }

    func testSchedulesOfRandomPlansPassTheIndependentCheck() throws {
        var scheduled = 0
        var unschedulable = 0
        var milp = 0
        var provenByBound = 0
        var costObjective = 0
        for seed in UInt64(1)...90 {
            for utility in [Utility.gas, .water] {
                var scenario = RandomScenarios.small(seed: seed, utility: utility, standards: Self.standards)
                scenario.schedule = Self.randomSettings(for: scenario, seed: seed + (utility == .gas ? 0 : 1000))
                guard let plan = try RoutePlanner(scenario: scenario).plan().plan else { continue }
                let result: ScheduleResult
                do {
                    // Every third instance as a "large programme": the heuristic alone, with its bound.
                    let options = ScheduleOptions(timeLimitSeconds: 20, maximumStartVariables: seed % 3 == 0 ? 0 : 25_000)
                    result = try Scheduler(scenario: scenario, plan: plan, options: options, solver: GLPKSolver()).schedule()
                } catch ScheduleError.unschedulable {
                    unschedulable += 1
                    continue
                }
                XCTAssertEqual(ScheduleChecker.check(result, scenario: scenario, plan: plan), [], "seed \(seed) \(utility)")
                XCTAssertLessThanOrEqual(result.solver.objectiveValue, result.solver.heuristicObjectiveValue, "seed \(seed): MILP worse than the heuristic")
                XCTAssertLessThanOrEqual(result.solver.bestBound, result.solver.objectiveValue + 1e-9, "seed \(seed)")
                // Every household of the plan has a connection date, on or after the works start.
                XCTAssertEqual(result.connections.reduce(0) { $0 + $1.households }, plan.households, "seed \(seed)")
                XCTAssertTrue(result.connections.allSatisfy { $0.date >= result.firstWorkingDay && $0.date <= result.finishDate })
                XCTAssertFalse(result.criticalPath.isEmpty, "seed \(seed): a schedule always has a critical task")
                XCTAssertTrue(result.criticalPath.contains { id in result.task(id)?.finishDate == result.finishDate }, "seed \(seed): the critical path reaches the finish")
                // Stages: the critical tasks in order, one start day per stage, strictly later stage by stage.
                let stages = result.criticalStages
                XCTAssertEqual(stages.flatMap { $0 }, result.criticalPath, "seed \(seed)")
                let stageStarts = stages.map { stage in Set(stage.compactMap { result.task($0)?.startIndex }) }
                XCTAssertTrue(stageStarts.allSatisfy { $0.count == 1 }, "seed \(seed): a stage mixes start days: \(stages)")
                let firstStarts = stageStarts.compactMap(\.first)
                XCTAssertEqual(firstStarts, firstStarts.sorted(), "seed \(seed)")
                XCTAssertEqual(Set(firstStarts).count, firstStarts.count, "seed \(seed): two stages start on one day")
                if result.solver.method == .milp { milp += 1 }
                if result.solver.method == .heuristic, seed % 3 != 0 {
                    // The bound proved the heuristic's schedule optimal, so no MILP ran: GLPK must agree.
                    XCTAssertTrue(result.solver.note.contains("proven optimal"), "seed \(seed): \(result.solver.note)")
                    var confirm = ScheduleOptions(timeLimitSeconds: 20)
                    confirm.solveProvenWithMILP = true
                    let check = try Scheduler(scenario: scenario, plan: plan, options: confirm, solver: GLPKSolver()).schedule()
                    XCTAssertEqual(check.solver.method, .milp, "seed \(seed)")
                    XCTAssertEqual(check.solver.status, .optimal, "seed \(seed)")
                    XCTAssertEqual(check.solver.objectiveValue, result.solver.objectiveValue, "seed \(seed): the bound's proof is wrong")
                    milp += 1
                    provenByBound += 1
                }
                if result.solver.objective == .worksPlusOutageCost { costObjective += 1 }
                scheduled += 1
            }
        }
        XCTAssertGreaterThan(scheduled, 80, "too few random plans were scheduled")
        XCTAssertGreaterThan(costObjective, 20)
        XCTAssertGreaterThan(milp, 40)
        XCTAssertLessThan(milp, scheduled, "the heuristic-only path was not exercised")
        XCTAssertGreaterThan(provenByBound, 0, "no schedule was proven optimal by the bound alone")
        print("RandomPlanScheduleTests: \(scheduled) schedules checked (\(milp) by MILP, \(provenByBound) of them proven by the bound first and confirmed by the MILP, \(costObjective) with an outage cost), \(unschedulable) unschedulable")
    }

    // MARK: The checker bites

    func shifoSchedule() throws -> (ScheduleResult, Scenario, Plan) {
        let path = CLIRunner.packageRoot.appendingPathComponent("scenarios/shifo-water.yaml").path
        let scenario = try ScenarioLoader.load(path: path).scenario
        let plan = try XCTUnwrap(try RoutePlanner(scenario: scenario).plan().plan)
        let result = try Scheduler(scenario: scenario, plan: plan, solver: GLPKSolver()).schedule()
        return (result, scenario, plan)
    }

    func testCheckerRejectsBrokenSchedules() throws {
        let (good, scenario, plan) = try shifoSchedule()
        XCTAssertEqual(ScheduleChecker.check(good, scenario: scenario, plan: plan), [])
        func codes(_ r: ScheduleResult) -> Set<String> { Set(ScheduleChecker.check(r, scenario: scenario, plan: plan).map(\.code)) }

        // A task on a holiday (Labour Day, 1 May 2024).
        var r = good
        let i = try XCTUnwrap(r.tasks.firstIndex { $0.kind == .meters })
        r.tasks[i].startDate = CalendarDate(year: 2024, month: 5, day: 1)!
        XCTAssertTrue(codes(r).contains("non-working-start"), "\(codes(r))")

        // Commissioning before the pressure test.
        r = good
        let c = try XCTUnwrap(r.tasks.firstIndex { $0.kind == .commissioning })
        let t = try XCTUnwrap(r.tasks.first { $0.kind == .pressureTest })
        r.tasks[c].startDate = t.startDate
        r.tasks[c].finishDate = t.finishDate
        XCTAssertTrue(codes(r).contains("precedence"), "\(codes(r))")

        // One meter installation more on the same days than installers (available and hired).
        r = good
        let installers = try XCTUnwrap(r.crews.first { $0.type == .meterInstaller })
        let meters = r.tasks.indices.filter { r.tasks[$0].kind == .meters }.prefix(installers.available + installers.hiredExtra + 1)
        for m in meters {
            r.tasks[m].startDate = r.tasks[meters.first!].startDate
            r.tasks[m].finishDate = r.tasks[meters.first!].finishDate
        }
        XCTAssertTrue(codes(r).contains("crews"), "\(codes(r))")

        // The tie-in outside the water company's booking slots (22 May 2024 is between two slots).
        r = good
        let tie = try XCTUnwrap(r.tasks.firstIndex { $0.kind == .tieIn })
        r.tasks[tie].startDate = CalendarDate(year: 2024, month: 5, day: 22)!
        r.tasks[tie].finishDate = CalendarDate(year: 2024, month: 5, day: 22)!
        XCTAssertTrue(codes(r).contains("slot"), "\(codes(r))")

        // A wrong outage figure.
        r = good
        r.outage?.days += 1
        XCTAssertTrue(codes(r).contains("outage"), "\(codes(r))")

        // A household connected before its branch is commissioned.
        r = good
        r.connections[0].date = r.connections[0].date.adding(days: -1)
        XCTAssertTrue(codes(r).contains("connection"), "\(codes(r))")
    }

    /// The Shifo figures the issue asks for, from the model (not constants): the outage runs from
    /// the cut-off to the last commissioning, both days counted, at the scenario's truck cost.
    func testShifoOutageComesFromTheSchedule() throws {
        let (r, scenario, _) = try shifoSchedule()
        let o = try XCTUnwrap(r.outage)
        let outage = try XCTUnwrap(scenario.schedule?.outage)
        XCTAssertEqual(o.cutOff, CalendarDate(year: 2024, month: 4, day: 11))
        XCTAssertEqual(o.lastConnection, r.tasks.filter { $0.kind == .commissioning }.map(\.finishDate).max())
        XCTAssertEqual(o.days, o.lastConnection - CalendarDate(year: 2024, month: 4, day: 11)! + 1)
        XCTAssertEqual(o.interimSupplyCostFen, o.days * outage.interimSupplyCostPerDayFen)
        XCTAssertEqual(o.referenceDays, 89)
        XCTAssertLessThan(o.days, 89, "the planned outage should beat the case's 89 days with these crews")
        XCTAssertEqual(r.solver.objective, .worksPlusOutageCost)
        // The case's own dates: 11 April to 8 July is 89 days with both days counted.
        XCTAssertEqual(CalendarDate(year: 2024, month: 7, day: 8)! - CalendarDate(year: 2024, month: 4, day: 11)! + 1, 89)
    }

    /// Compound 79: the schedule waits on the pending telecom consent; a later decision moves the finish.
    func testCompound79WaitsOnThePendingConsent() throws {
        let path = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gas.yaml").path
        let scenario = try ScenarioLoader.load(path: path).scenario
        let plan = try XCTUnwrap(try RoutePlanner(scenario: scenario).plan().plan)
        let r = try Scheduler(scenario: scenario, plan: plan, solver: GLPKSolver()).schedule()
        let dep = try XCTUnwrap(r.consents.first { $0.ownerID == "telecom" })
        let negotiation = try XCTUnwrap(r.task(dep.negotiationTaskID))
        XCTAssertEqual(negotiation.durationWorkingDays, 20)
        XCTAssertTrue(dep.waitingTaskIDs.contains("tie-in-S-TEL"))
        for id in dep.waitingTaskIDs {
            XCTAssertLessThan(negotiation.finishDate, try XCTUnwrap(r.task(id)).startDate, "\(id) starts before the consent")
        }
        XCTAssertEqual(dep.latest, CalendarDate(year: 2025, month: 5, day: 30))
        let late = try XCTUnwrap(dep.finishIfLatest)
        XCTAssertGreaterThan(late, r.finishDate)
        XCTAssertGreaterThan(try XCTUnwrap(dep.delayWorkingDaysIfLatest), 0)
        XCTAssertEqual(r.outage?.existingSupplyKept, true)
        XCTAssertEqual(r.outage?.totalFen, 0)
    }

    /// A scenario without a schedule section is reported, not scheduled.
    func testNoScheduleSection() throws {
        var scenario = RandomScenarios.small(seed: 3, utility: .gas, standards: Self.standards)
        scenario.schedule = nil
        XCTAssertFalse(scenario.hasSchedule)
        let plan = try XCTUnwrap(try RoutePlanner(scenario: scenario).plan().plan)
        XCTAssertThrowsError(try Scheduler(scenario: scenario, plan: plan, solver: GLPKSolver()).schedule()) { error in
            guard case ScheduleError.noScheduleSection = error else { return XCTFail("\(error)") }
        }
    }
}
