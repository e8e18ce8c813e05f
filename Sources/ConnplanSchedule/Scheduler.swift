// SPDX-License-Identifier: GPL-3.0-or-later
//
// The works scheduler: derive the tasks from a plan, find a schedule with the priority-rule
// heuristic, then prove or improve it with the time-indexed MILP when the model is small enough
// for the time limit. Every schedule returned has passed `ScheduleChecker`, which recomputes the
// rules from the scenario and the plan without this file's code.

import ConnplanCore
import Foundation
import MILP

public struct Scheduler: Sendable {
    public let scenario: Scenario
    public let plan: Plan
    public let options: ScheduleOptions
    let solver: any MILPSolver
    let backendName: String?

    public init(scenario: Scenario, plan: Plan, options: ScheduleOptions = .init(), solver: any MILPSolver) {
        self.init(scenario: scenario, plan: plan, options: options, solver: solver, backendName: nil)
    }

    /// `backendName` is printed in the report (e.g. "GLPK 5.0").
    public init(scenario: Scenario, plan: Plan, options: ScheduleOptions = .init(), solver: any MILPSolver, backendName: String?) {
        self.scenario = scenario
        self.plan = plan
        self.options = options
        self.solver = solver
        self.backendName = backendName
    }

    /// Working days the scheduler looks ahead at most (about 11 years of a five-day week).
    static let horizonLimit = 2999

    public func schedule() throws -> ScheduleResult {
        guard let settings = scenario.schedule else { throw ScheduleError.noScheduleSection(file: scenario.file) }
        var result = try solve(settings: settings, negotiationDays: [:])
        if options.evaluateLatestConsents {
            result.consents = try consentDependences(result, settings: settings)
        }
        let findings = ScheduleChecker.check(result, scenario: scenario, plan: plan).filter { $0.severity == .error }
        guard findings.isEmpty else { throw ScheduleError.checkFailed(findings) }
        return result
    }

    // MARK: Solve

    struct Instance {
        var graph: WorksTaskGraph
        var problem: SchedulingProblem
        var dates: [CalendarDate]
    }

    func instance(settings: ScheduleSettings, negotiationDays: [String: Int]) -> Instance {
        let graph = WorksTaskGraph(scenario: scenario, plan: plan, settings: settings, negotiationDays: negotiationDays)
        let dates = settings.calendar.workingDays(count: Self.horizonLimit + 1)
        let limit = max(0, dates.count - 1)
        let index = Dictionary(uniqueKeysWithValues: graph.tasks.enumerated().map { ($0.element.id, $0.offset) })
        let crewIndex = Dictionary(uniqueKeysWithValues: CrewType.allCases.enumerated().map { ($0.element, $0.offset) })
        var jobs: [Job] = []
        for t in graph.tasks {
            var job = Job(duration: t.duration, resource: t.crew.flatMap { crewIndex[$0] })
            if let type = t.crew, let crew = settings.crew(type), !crew.slots.isEmpty {
                job.slots = crew.slots.compactMap { Self.indexRange($0, dates: dates) }
            }
            jobs.append(job)
        }
        var precedences: [Precedence] = []
        for (j, t) in graph.tasks.enumerated() {
            for link in t.predecessors {
                guard let i = index[link.predecessorID] else { continue }
                let lag: Int
                switch link.type {
                case .finishToStart: lag = jobs[i].duration + link.lagWorkingDays
                case .startToStart: lag = link.lagWorkingDays
                case .finishToFinish: lag = jobs[i].duration + link.lagWorkingDays - jobs[j].duration
                }
                precedences.append(Precedence(from: i, to: j, lag: lag))
            }
        }
        let resources = CrewType.allCases.map { type -> Resource in
            let c = settings.crew(type)
            return Resource(capacity: c?.count ?? 1, extra: c?.extra ?? 0, extraCost: c?.extraCostFen ?? 0)
        }
        let cost: ScheduleCostModel
        if let outage = settings.outage, outage.hasCost, let cutOff = outage.cutOff {
            let days: @Sendable (Int) -> Int = { f in
                let d = f < dates.count ? dates[f] : dates[dates.count - 1].adding(days: f - dates.count + 1)
                return max(0, d - cutOff + 1)
            }
            let rate = outage.interimSupplyCostPerDayFen
            var weights: [Int: Int] = [:]
            if outage.costPerHouseholdDayFen > 0 {
                for (j, t) in graph.tasks.enumerated() where t.kind == .commissioning {
                    weights[j] = outage.costPerHouseholdDayFen * (t.households ?? 0)
                }
            }
            cost = ScheduleCostModel(makespanCost: { f in rate * days(f) }, finishWeights: weights, finishUnit: days, allowExtra: true)
        } else {
            cost = ScheduleCostModel(makespanCost: { f in f + 1 }, allowExtra: false)
        }
        let problem = SchedulingProblem(jobs: jobs, resources: resources, precedences: precedences, cost: cost, horizonLimit: limit)
        return Instance(graph: graph, problem: problem, dates: dates)
    }

    /// The working-day indices inside a date range (nil if it holds no working day).
    static func indexRange(_ r: DateRange, dates: [CalendarDate]) -> ClosedRange<Int>? {
        guard let lo = dates.firstIndex(where: { $0 >= r.from }), let hi = dates.lastIndex(where: { $0 <= r.to }), lo <= hi else { return nil }
        return lo...hi
    }

    func solve(settings: ScheduleSettings, negotiationDays: [String: Int]) throws -> ScheduleResult {
        let inst = instance(settings: settings, negotiationDays: negotiationDays)
        guard !inst.dates.isEmpty else {
            throw ScheduleError.unschedulable(reasons: ["the calendar has no working day: give at least one working weekday"])
        }
        let engine = ProblemSolver(problem: inst.problem, solver: solver, options: options, backendName: backendName)
        guard let solved = try engine.solve() else {
            throw ScheduleError.unschedulable(reasons: unschedulableReasons(inst, settings: settings))
        }
        return buildResult(inst, settings: settings, starts: solved.starts, extra: solved.extra, report: solved.report)
    }

    func unschedulableReasons(_ inst: Instance, settings: ScheduleSettings) -> [String] {
        var reasons: [String] = []
        let es = inst.problem.earliestStarts()
        for (j, t) in inst.graph.tasks.enumerated() where es[j] == nil {
            if let crew = t.crew, let c = settings.crew(crew), !c.slots.isEmpty, inst.problem.jobs[j].slots != nil {
                let earliest = inst.problem.precedences.filter { $0.to == j }.compactMap { e in es[e.from].map { $0 + e.lag } }.max() ?? 0
                let from = earliest < inst.dates.count ? inst.dates[earliest].description : "the horizon"
                reasons.append("'\(t.id)' needs \(t.duration) working day\(t.duration == 1 ? "" : "s") of the \(crew.label) inside one booking slot from \(from) on, and no slot has room: add or widen a slot in schedule.crews.\(crew.rawValue).slots")
            }
        }
        if reasons.isEmpty {
            reasons.append("the works do not fit within \(inst.dates.count) working days of the calendar; check the working weekdays, holidays and booking slots")
        }
        return reasons
    }

    // MARK: Result

    func buildResult(_ inst: Instance, settings: ScheduleSettings, starts: [Int], extra: [Int], report: ScheduleSolverReport) -> ScheduleResult {
        let p = inst.problem
        let tasks = inst.graph.tasks
        let dates = inst.dates
        let lastDay = p.jobs.indices.map { starts[$0] + p.jobs[$0].duration - 1 }.max() ?? 0
        let units = CriticalPath.crewUnits(p, starts: starts)
        let float = CriticalPath.totalFloat(p, starts: starts, extra: extra, units: units)
        var scheduled: [ScheduledTask] = []
        for (j, t) in tasks.enumerated() {
            scheduled.append(ScheduledTask(
                id: t.id, name: t.name, kind: t.kind, crew: t.crew, crewUnit: units[j].map { $0 + 1 }, startDate: dates[starts[j]],
                finishDate: dates[starts[j] + t.duration - 1], startIndex: starts[j], durationWorkingDays: t.duration,
                predecessors: t.predecessors, totalFloatWorkingDays: float[j], segmentIDs: t.segmentIDs, lengthMetres: t.lengthMetres,
                surface: t.surface, ownerID: t.ownerID, buildingID: t.buildingID, sourceID: t.sourceID,
                nominalDiameters: t.nominalDiameters, households: t.households))
        }
        scheduled.sort { ($0.startIndex, $0.finishIndex, $0.id) < ($1.startIndex, $1.finishIndex, $1.id) }
        let finish = dates[lastDay]

        // Connections and outage.
        let outage = settings.outage
        func outageDays(_ d: CalendarDate) -> Int? {
            guard let outage, !outage.existingSupplyKept, let cutOff = outage.cutOff else { return outage?.existingSupplyKept == true ? 0 : nil }
            return max(0, d - cutOff + 1)
        }
        var connections: [BuildingConnection] = []
        for t in scheduled where t.kind == .commissioning {
            guard let b = t.buildingID else { continue }
            let ids = scenario.households.filter { $0.buildingID == b }.map(\.id)
            connections.append(BuildingConnection(
                buildingID: b, households: t.households ?? 0, householdIDs: ids, date: t.finishDate, outageDays: outageDays(t.finishDate)))
        }
        connections.sort { ($0.date, $0.buildingID) < ($1.date, $1.buildingID) }
        var outageSummary: OutageSummary?
        var outageFen = 0
        if let outage {
            let last = connections.map(\.date).max() ?? finish
            let days = outageDays(last) ?? 0
            let householdDays = connections.reduce(0) { $0 + $1.households * ($1.outageDays ?? 0) }
            let interim = outage.existingSupplyKept ? 0 : outage.interimSupplyCostPerDayFen * days
            let hardship = outage.existingSupplyKept ? 0 : outage.costPerHouseholdDayFen * householdDays
            outageFen = interim + hardship
            outageSummary = OutageSummary(
                existingSupplyKept: outage.existingSupplyKept, cutOff: outage.cutOff, lastConnection: last, days: days,
                householdDays: householdDays, interimSupplyCostFen: interim, householdHardshipCostFen: hardship,
                referenceDays: outage.referenceOutageDays, referenceSource: outage.referenceSource)
        }

        var crews: [CrewUse] = []
        var crewTime = 0
        var extraCost = 0
        for (k, type) in CrewType.allCases.enumerated() {
            let c = settings.crew(type)
            let js = p.jobs.indices.filter { p.jobs[$0].resource == k }
            var peak = 0
            for d in 0...max(lastDay, 0) {
                peak = max(peak, js.filter { starts[$0] <= d && d < starts[$0] + p.jobs[$0].duration }.count)
            }
            let crewDays = js.reduce(0) { $0 + p.jobs[$1].duration }
            crewTime += crewDays * (c?.dayRateFen ?? 0)
            extraCost += extra[k] * (c?.extraCostFen ?? 0)
            crews.append(CrewUse(type: type, available: c?.count ?? 0, hiredExtra: extra[k], peakInUse: peak, crewDays: crewDays))
        }
        let firstDay = dates[0]
        return ScheduleResult(
            scenarioName: scenario.name, utility: scenario.utility, calendar: settings.calendar, firstWorkingDay: firstDay,
            tasks: scheduled, finishDate: finish, totalWorkingDays: lastDay + 1,
            calendarDaysFromStart: finish - settings.calendar.startDate + 1,
            criticalPath: scheduled.filter(\.isCritical).map(\.id), connections: connections, outage: outageSummary,
            costs: ScheduleCosts(crewTimeFen: crewTime, extraCrewsFen: extraCost, outageFen: outageFen), crews: crews, consents: [],
            solver: report)
    }

    // MARK: Pending consents

    func consentDependences(_ result: ScheduleResult, settings: ScheduleSettings) throws -> [ConsentDependence] {
        var out: [ConsentDependence] = []
        for t in result.tasks where t.kind == .negotiation {
            guard let owner = t.ownerID else { continue }
            let rule = settings.negotiation(for: owner)
            let waiting = result.tasks.filter { w in w.predecessors.contains { $0.predecessorID == t.id } }.map(\.id)
            var dep = ConsentDependence(
                ownerID: owner, ownerName: scenario.owner(owner)?.name ?? owner, negotiationTaskID: t.id,
                negotiationWorkingDays: t.durationWorkingDays, plannedDecision: t.finishDate, isCritical: t.isCritical,
                floatWorkingDays: t.totalFloatWorkingDays, waitingTaskIDs: waiting, latest: rule?.latest)
            if let latest = rule?.latest {
                // The negotiation then ends on the last working day on or before `latest`.
                let days = settings.calendar.workingDays(count: Self.horizonLimit + 1)
                if let lastIndex = days.lastIndex(where: { $0 <= latest }), lastIndex + 1 > t.durationWorkingDays {
                    let late = try solve(settings: settings, negotiationDays: [owner: lastIndex + 1])
                    dep.finishIfLatest = late.finishDate
                    dep.delayWorkingDaysIfLatest = late.totalWorkingDays - result.totalWorkingDays
                    dep.outageCostIfLatestFen = late.outage.map(\.totalFen)
                } else {
                    dep.finishIfLatest = result.finishDate
                    dep.delayWorkingDaysIfLatest = 0
                    dep.outageCostIfLatestFen = result.outage?.totalFen
                }
            }
            out.append(dep)
        }
        return out
    }
}
