// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore

/// Which generator family an instance comes from.
enum InstanceFamily: String, Codable, CaseIterable, Sendable {
    /// k×k street grid, issue 3 ("Route engine at district scale").
    case grid
    /// A single old compound: a few buildings, 10–30 candidate segments, 2–4 sources, refused and pending owners.
    case compound
}

/// Everything that determines one benchmark instance; the generators are pure functions of it.
struct InstanceSpec: Codable, Hashable, Sendable {
    var family: InstanceFamily
    /// Grid: k of the k×k grid. Compound: number of buildings.
    var size: Int
    var seed: UInt64
    /// True: source heads chosen so that head loss binds. False: heads so high that it never can.
    var pressure: Bool

    var name: String {
        let shape = family == .grid ? "\(size)x\(size)" : "b\(size)"
        return "\(family.rawValue)-\(shape)-s\(seed)-p\(pressure ? "on" : "off")"
    }

    func scenario() -> Scenario {
        switch family {
        case .grid: return GridInstance.make(self)
        case .compound: return CompoundInstance.make(self)
        }
    }
}
