// SPDX-License-Identifier: GPL-3.0-or-later
//
// A programme too large for the time-indexed MILP: a compound of many buildings along a comb of
// alternating surfaces. The scheduler must fall back to the priority-rule heuristic, report a
// lower bound and the gap against it, and still pass the independent check.

import ConnplanCore
import ConnplanPlanner
import GLPKBackend
import TestSupport
import XCTest

@testable import ConnplanSchedule

final class LargeProgrammeTests: XCTestCase {
    /// `teeth` branches off a spine from one water main, two buildings per branch.
    static func comb(teeth: Int) throws -> Scenario {
        let standards = try Standards.load()
        var nodes = [Node(id: "MAIN", xMetres: 0, yMetres: 0, elevationMetres: 100)]
        var segments: [Segment] = []
        var buildings: [Building] = []
        let surfaces = ["verge", "pavement"]
        for i in 1...teeth {
            nodes.append(Node(id: "S\(i)", xMetres: Double(i) * 20, yMetres: 0, elevationMetres: 100))
            segments.append(Segment(id: "SP\(i)", fromNodeID: i == 1 ? "MAIN" : "S\(i - 1)", toNodeID: "S\(i)", lengthMetres: 20, surface: surfaces[i % 2]))
            for side in [1, -1] {
                let b = "B\(i)\(side > 0 ? "N" : "S")"
                nodes.append(Node(id: b, xMetres: Double(i) * 20, yMetres: Double(side) * 15, elevationMetres: 100))
                segments.append(Segment(id: "C-\(b)", fromNodeID: "S\(i)", toNodeID: b, lengthMetres: 15, surface: surfaces[(i + 1) % 2]))
                buildings.append(Building(id: b, compoundID: "C", nodeID: b, floors: 3, households: 12))
            }
        }
        let pipes = [
            PipeType(id: "PE160", material: "PE", nominalDiameter: 160, innerDiameterMillimetres: 141, hazenWilliamsC: 140, maxVelocityMetresPerSecond: 1.5, costPerMetreFen: ["verge": 38_000, "pavement": 45_000]),
        ]
        let demand = DemandModel.water(WaterDemand(
            personsPerHousehold: 3, litresPerPersonPerDay: 180, peakFactor: 2.5, method: .peakHour, probability: nil,
            serviceHead: standards.defaultServiceHead))
        let start = CalendarDate(year: 2025, month: 3, day: 3)!
        let settings = ScheduleSettings(
            calendar: WorkCalendar(startDate: start, workingWeekdays: [.mon, .tue, .wed, .thu, .fri]),
            crews: [Crew(type: .trench, count: 3, extra: 2, extraCostFen: 900_000), Crew(type: .pipeFitter, count: 3),
                    Crew(type: .meterInstaller, count: 3, extra: 1, extraCostFen: 300_000), Crew(type: .tieIn, count: 1)],
            productivity: Productivity(trenchMetresPerCrewDay: ["verge": 12, "pavement": 8], pipeMetresPerCrewDay: ["verge": 30, "pavement": 25],
                                       householdsPerInstallerDay: 4, riserDaysPerBuilding: 2),
            durations: FixedDurations(surveyAndDesignDays: 10, tieInDays: 1, pressureTestDays: 2, commissioningDays: 2, procurementDays: 5),
            outage: OutageSettings(cutOff: start, interimSupplyCostPerDayFen: 160_000, costPerHouseholdDayFen: 500))
        return Scenario(
            name: "comb-\(teeth)", utility: .water, nodes: nodes, compounds: [Compound(id: "C", name: "C", buildingIDs: buildings.map(\.id))],
            buildings: buildings, segments: segments, pipes: pipes,
            sources: [Source(id: "MAIN-S", name: "main", nodeID: "MAIN", ownerID: "wc", headMetres: 160)],
            owners: [Owner(id: "wc", name: "Water company", consent: .granted)], demand: demand, schedule: settings)
    }

    func testLargeProgrammeUsesTheHeuristicWithBoundAndGap() throws {
        let scenario = try Self.comb(teeth: 30)
        let plan = try XCTUnwrap(try RoutePlanner(scenario: scenario).plan().plan)
        let r = try Scheduler(scenario: scenario, plan: plan, solver: GLPKSolver()).schedule()
        XCTAssertEqual(r.solver.method, .heuristic, r.solver.note)
        XCTAssertTrue(r.solver.note.contains("large programme"), r.solver.note)
        XCTAssertEqual(ScheduleChecker.check(r, scenario: scenario, plan: plan), [])
        XCTAssertGreaterThan(r.tasks.count, 150)
        XCTAssertGreaterThan(r.solver.bestBound, 0)
        XCTAssertLessThanOrEqual(r.solver.bestBound, r.solver.objectiveValue)
        let gap = (r.solver.objectiveValue - r.solver.bestBound) / r.solver.objectiveValue
        XCTAssertEqual(r.solver.relativeGap, r.solver.status == .optimal ? 0 : gap, accuracy: 1e-12)
        XCTAssertLessThan(r.solver.relativeGap, 0.05, "the energetic bound should be close on this comb")
        print("LargeProgrammeTests: \(r.tasks.count) tasks, \(r.totalWorkingDays) working days, objective \(r.solver.objectiveValue) fen, bound \(r.solver.bestBound), gap \(r.solver.relativeGap), note: \(r.solver.note)")
    }
}
