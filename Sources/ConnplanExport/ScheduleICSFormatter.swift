// SPDX-License-Identifier: GPL-3.0-or-later
//
// The schedule as an iCalendar file (RFC 5545), one all-day event per task, for the calendars
// engineers and residents already use:
// - CRLF line ends and lines folded at 75 octets, never inside a UTF-8 sequence (§3.1);
// - DTSTART;VALUE=DATE and an exclusive DTEND;VALUE=DATE the day after the finish (§3.6.1, §3.8.2.2);
// - a UID that is stable across runs: task id and scenario name, with characters outside
//   [A-Za-z0-9._-] percent-encoded (§3.8.4.7);
// - DTSTAMP (required, §3.8.7.2) derived from the scenario, not the clock: midnight UTC of the
//   schedule's start date, so the same input gives the same bytes;
// - TEXT values escaped: backslash, semicolon, comma and line breaks (§3.3.11).

import ConnplanCore
import ConnplanSchedule

public struct ScheduleICSFormatter: ScheduleFormatter {
    public init() {}

    public func format(_ report: ScheduleReport) -> String {
        let r = report.schedule
        let scenarioKey = Self.uidPart(report.scenario.name)
        let stamp = r.calendar.startDate.basicFormat + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//connplan//works schedule//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.text("Works: " + report.scenario.name),
        ]
        for t in r.tasks {
            var description = "\(t.durationWorkingDays) working day\(t.durationWorkingDays == 1 ? "" : "s")"
            if let crew = t.crew { description += "; crew: \(crew.label)\(t.crewUnit.map { " \($0)" } ?? "")" }
            if !t.predecessors.isEmpty { description += "; after: " + t.predecessors.map(\.label).joined(separator: ", ") }
            description += t.isCritical ? "; critical" : "; float \(t.totalFloatWorkingDays) working days"
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.uidPart(t.id) + "." + scenarioKey + "@connplan",
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + t.startDate.basicFormat,
                "DTEND;VALUE=DATE:" + t.finishDate.adding(days: 1).basicFormat,
                "SUMMARY:" + Self.text((t.isCritical ? "[critical] " : "") + t.name),
                "DESCRIPTION:" + Self.text(description),
                "CATEGORIES:" + Self.text(t.kind.rawValue),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 §3.3.11 TEXT escaping.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Characters outside [A-Za-z0-9._-] as %XX of their UTF-8 bytes.
    static func uidPart(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPad(2)
            }
        }
        return out
    }

    /// Folds a content line into chunks of at most 75 octets; continuation lines start with a
    /// space (which counts towards their 75). Never splits a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var chunks: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = chunks.isEmpty ? 75 : 74
            if octets + size > limit {
                chunks.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        chunks.append(current)
        return chunks.joined(separator: "\r\n ")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
