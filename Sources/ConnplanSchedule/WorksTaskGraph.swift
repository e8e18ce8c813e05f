// SPDX-License-Identifier: GPL-3.0-or-later
//
// The tasks of the works, derived from a plan, and their precedences (docs/background/scheduling.md):
//
//   design ─┬─ permit(road owner) ──┐
//           ├─ procurement(DN) ─────┼─ trench(run) ─SS/FF+1─ lay(run) ─┐
//   negotiation(pending owner) ─────┘                                   ├─ pressure test ─ tie-in(source) ─┐
//           ├─ riser(building) ─┬───────────────────────────────────────┘                                  ├─ commissioning(building)
//           ├─ regulator box ───┘   riser(building) ─ meters(building) ─────────────────────────────────────┘
//
// A run is a connected stretch of the route with one owner and one surface; each run is one
// trench task and one pipe-laying task. Permits and consents come before any work on that owner's
// land or road, and before a tie-in into that owner's network. The new pipe is pressure tested
// before it is tied in to the live main, and each building is commissioned (purge and gas-in, or
// disinfection and flushing) after its tie-in and its meters: its households are connected then.
// (Order of test, tie-in and commissioning: CJJ 33-2005 for gas and GB 50268-2008 for water pipe
// works, which both test a new pipe before it is put into service; not verified clause by clause.)

import ConnplanCore

/// A task before it is placed on the calendar.
struct WorksTask: Sendable {
    var id: String
    var name: String
    var kind: ScheduleTaskKind
    var crew: CrewType?
    var duration: Int
    var predecessors: [ScheduleDependency] = []
    var segmentIDs: [String] = []
    var lengthMetres: Double?
    var surface: String?
    var ownerID: String?
    var buildingID: String?
    var sourceID: String?
    var nominalDiameters: [Int] = []
    var households: Int?
}

/// A connected stretch of newly laid route with one owner and one surface.
struct Run: Sendable {
    var segmentIDs: [String]
    var lengthMetres: Double
    var surface: String
    var ownerID: String?
    var nominalDiameters: [Int]
}

struct WorksTaskGraph: Sendable {
    var tasks: [WorksTask]

    /// Working days for `amount` of work at `rate` per crew-day, by one crew: ⌈amount / rate⌉, at least 1.
    static func crewDays(_ amount: Double, rate: Double) -> Int {
        max(1, Int((amount / rate - 1e-9).rounded(.up)))
    }

    /// Runs of the plan's newly laid segments, in route order (reused existing pipes need no works).
    static func runs(of plan: Plan) -> [Run] {
        let laid = plan.segments.filter { !$0.pipe.reused }
        // Union-find over segments that share a node and have the same owner and surface.
        var parent = Array(laid.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var byNode: [String: [Int]] = [:]
        for (i, s) in laid.enumerated() {
            byNode[s.upstreamNodeID, default: []].append(i)
            byNode[s.downstreamNodeID, default: []].append(i)
        }
        for node in byNode.keys.sorted() {
            let members = byNode[node]!
            for a in members {
                for b in members where a < b && laid[a].ownerID == laid[b].ownerID && laid[a].surface == laid[b].surface {
                    let ra = find(a)
                    let rb = find(b)
                    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                }
            }
        }
        var order: [Int] = []
        var groups: [Int: [Int]] = [:]
        for i in laid.indices {
            let r = find(i)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(i)
        }
        return order.map { r in
            let members = groups[r]!
            return Run(
                segmentIDs: members.map { laid[$0].segmentID }, lengthMetres: members.reduce(0) { $0 + laid[$1].lengthMetres },
                surface: laid[members[0]].surface, ownerID: laid[members[0]].ownerID,
                nominalDiameters: Array(Set(members.map { laid[$0].pipe.nominalDiameter })).sorted())
        }
    }

    /// The tasks for `plan`. `negotiationDays` overrides an owner's negotiation duration (for the
    /// "decision only on the latest date" variant).
    init(scenario: Scenario, plan: Plan, settings: ScheduleSettings, negotiationDays: [String: Int] = [:]) {
        var tasks: [WorksTask] = []
        let d = settings.durations
        let ownerName = { (id: String) in scenario.owner(id)?.name ?? id }
        let design: String? = d.surveyAndDesignDays > 0 ? "design" : nil
        if design != nil { tasks.append(WorksTask(id: "design", name: "Survey and design", kind: .design, duration: d.surveyAndDesignDays)) }
        let afterDesign = design.map { [ScheduleDependency(predecessorID: $0)] } ?? []

        // Owners the plan uses, in the plan's order: permits and negotiations gate their works.
        var gates: [String: [ScheduleDependency]] = [:]
        for c in plan.consents {
            var g: [ScheduleDependency] = []
            if let p = settings.permit(for: c.ownerID), p.durationWorkingDays > 0 {
                let id = "permit-\(c.ownerID)"
                tasks.append(WorksTask(id: id, name: "Road-excavation permit: \(ownerName(c.ownerID))", kind: .permit,
                                       duration: p.durationWorkingDays, predecessors: afterDesign, ownerID: c.ownerID))
                g.append(ScheduleDependency(predecessorID: id))
            }
            if c.consent == .pending, let n = settings.negotiation(for: c.ownerID) {
                let days = negotiationDays[c.ownerID] ?? n.durationWorkingDays
                if days > 0 {
                    let id = "negotiate-\(c.ownerID)"
                    tasks.append(WorksTask(id: id, name: "Consent negotiation: \(ownerName(c.ownerID)) (pending)", kind: .negotiation,
                                           duration: days, ownerID: c.ownerID))
                    g.append(ScheduleDependency(predecessorID: id))
                }
            }
            gates[c.ownerID] = g
        }

        // Procurement per pipe size laid.
        let runs = Self.runs(of: plan)
        var procured: [Int: String] = [:]
        for dn in Array(Set(runs.flatMap(\.nominalDiameters))).sorted() {
            guard let days = settings.leadTimeDays(nominalDiameter: dn), days > 0 else { continue }
            let id = "procure-dn\(dn)"
            tasks.append(WorksTask(id: id, name: "Procure DN\(dn) pipe", kind: .procurement, duration: days,
                                   predecessors: afterDesign, nominalDiameters: [dn]))
            procured[dn] = id
        }

        // Trench and pipe laying per run.
        var beforeTest: [ScheduleDependency] = []
        let p = settings.productivity
        for run in runs {
            let key = run.segmentIDs[0]
            let more = run.segmentIDs.count > 1 ? " +\(run.segmentIDs.count - 1)" : ""
            let label = "\(key)\(more) (\(Self.metres(run.lengthMetres)) m \(run.surface)\(run.ownerID.map { ", \($0)" } ?? ""))"
            let gate = afterDesign + (run.ownerID.flatMap { gates[$0] } ?? [])
            var layLinks = gate + run.nominalDiameters.compactMap { procured[$0].map { ScheduleDependency(predecessorID: $0) } }
            let layDays = Self.crewDays(run.lengthMetres, rate: p.pipeMetresPerCrewDay[run.surface] ?? 1)
            if let rate = p.trenchMetresPerCrewDay[run.surface], rate > 0 {
                let trenchDays = Self.crewDays(run.lengthMetres, rate: rate)
                let id = "trench-\(key)"
                tasks.append(WorksTask(id: id, name: "Trench \(label)", kind: .trench, crew: .trench, duration: trenchDays,
                                       predecessors: gate, segmentIDs: run.segmentIDs, lengthMetres: run.lengthMetres,
                                       surface: run.surface, ownerID: run.ownerID, nominalDiameters: run.nominalDiameters))
                // The fitters follow the trench crew a day behind and finish a day after it.
                layLinks.append(ScheduleDependency(predecessorID: id, type: layDays >= trenchDays ? .startToStart : .finishToFinish, lagWorkingDays: 1))
            }
            let id = "lay-\(key)"
            tasks.append(WorksTask(id: id, name: "Lay pipe \(label)", kind: .pipeLaying, crew: .pipeFitter, duration: layDays,
                                   predecessors: layLinks, segmentIDs: run.segmentIDs, lengthMetres: run.lengthMetres,
                                   surface: run.surface, ownerID: run.ownerID, nominalDiameters: run.nominalDiameters))
            beforeTest.append(ScheduleDependency(predecessorID: id))
        }

        // Risers, regulator boxes.
        var riserOf: [String: String] = [:]
        if p.riserDaysPerBuilding > 0 {
            for b in plan.buildings {
                let id = "riser-\(b.buildingID)"
                tasks.append(WorksTask(id: id, name: "Riser \(b.buildingID)", kind: .riser, crew: .pipeFitter,
                                       duration: p.riserDaysPerBuilding, predecessors: afterDesign, buildingID: b.buildingID))
                riserOf[b.buildingID] = id
                beforeTest.append(ScheduleDependency(predecessorID: id))
            }
        }
        for use in plan.sources where use.regulatorCostFen > 0 {
            guard let source = scenario.sources.first(where: { $0.id == use.sourceID }), source.regulator != nil else { continue }
            let id = "regulator-\(use.sourceID)"
            tasks.append(WorksTask(id: id, name: "Regulator box \(use.sourceID)", kind: .regulatorBox, crew: .pipeFitter,
                                   duration: d.regulatorBoxDays, predecessors: afterDesign + (gates[source.ownerID] ?? []),
                                   ownerID: source.ownerID, sourceID: use.sourceID))
            beforeTest.append(ScheduleDependency(predecessorID: id))
        }

        // Pressure test of the new network, then the tie-ins into the live mains.
        tasks.append(WorksTask(id: "pressure-test", name: "Pressure test", kind: .pressureTest, duration: d.pressureTestDays,
                               predecessors: beforeTest.isEmpty ? afterDesign : beforeTest))
        var tieInOf: [String: String] = [:]
        for use in plan.sources {
            let owner = scenario.sources.first { $0.id == use.sourceID }?.ownerID
            let id = "tie-in-\(use.sourceID)"
            tasks.append(WorksTask(id: id, name: "Tie-in \(use.sourceID)", kind: .tieIn, crew: .tieIn, duration: d.tieInDays,
                                   predecessors: [ScheduleDependency(predecessorID: "pressure-test")] + (owner.flatMap { gates[$0] } ?? []),
                                   ownerID: owner, sourceID: use.sourceID))
            tieInOf[use.sourceID] = id
        }

        // Meters and commissioning per building.
        let commissioningName = scenario.utility == .gas ? "purge and gas-in" : "disinfect and flush"
        for b in plan.buildings {
            let mid = "meters-\(b.buildingID)"
            tasks.append(WorksTask(id: mid, name: "Meters \(b.buildingID) (\(b.households) households)", kind: .meters, crew: .meterInstaller,
                                   duration: Self.crewDays(Double(b.households), rate: p.householdsPerInstallerDay),
                                   predecessors: riserOf[b.buildingID].map { [ScheduleDependency(predecessorID: $0)] } ?? afterDesign,
                                   buildingID: b.buildingID, households: b.households))
            var links = [ScheduleDependency(predecessorID: mid)]
            if let t = tieInOf[b.sourceID] { links.append(ScheduleDependency(predecessorID: t)) }
            tasks.append(WorksTask(id: "commission-\(b.buildingID)", name: "Commission \(b.buildingID): \(commissioningName)", kind: .commissioning,
                                   duration: d.commissioningDays, predecessors: links, buildingID: b.buildingID,
                                   sourceID: b.sourceID, households: b.households))
        }
        self.tasks = tasks
    }

    static func metres(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format1(x))
    }

    static func format1(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
