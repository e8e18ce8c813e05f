// SPDX-License-Identifier: GPL-3.0-or-later
//
// Dates for the works schedule: a pure proleptic Gregorian date (year, month, day) with day
// arithmetic, independent of the machine's time zone and locale, and the project calendar that
// maps working-day indices to dates.

/// A day of the proleptic Gregorian calendar. No time, no time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless `month` is 1…12, `day` exists in that month, and `year` is 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (ISO 8601 calendar date, extended format) exactly; nil for anything else.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`
    /// (http://howardhinnant.github.io/date_algorithms.html), exact for the proleptic Gregorian calendar.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (Hinnant's `civil_from_days`). Clamped to years 1…9999.
    public init(dayNumber: Int) {
        let z = min(max(dayNumber, -719_162), 2_932_896) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from `b` to `a` (a − b).
    public static func - (a: CalendarDate, b: CalendarDate) -> Int { a.dayNumber - b.dayNumber }

    /// 1970-01-01 was a Thursday.
    public var weekday: Weekday { Weekday.allCases[((dayNumber % 7) + 7 + 3) % 7] }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `YYYY-MM-DD`.
    public var description: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }
    /// `YYYYMMDD` (iCalendar DATE, RFC 5545 §3.3.4).
    public var basicFormat: String { Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Days of the week, Monday first (ISO 8601 numbering 1…7 is `isoNumber`).
public enum Weekday: String, Sendable, Hashable, CaseIterable, Codable {
    case mon, tue, wed, thu, fri, sat, sun
    public var isoNumber: Int { Weekday.allCases.firstIndex(of: self)! + 1 }
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// An inclusive range of dates (`from` ≤ `to`), optionally named (a holiday, a booking slot).
public struct DateRange: Sendable, Hashable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var name: String?
    public init(from: CalendarDate, to: CalendarDate, name: String? = nil) {
        self.from = from
        self.to = to
        self.name = name
    }
    public func contains(_ d: CalendarDate) -> Bool { from <= d && d <= to }
    /// Days in the range, both ends included.
    public var days: Int { to - from + 1 }
}

/// The project calendar: which dates are working days, and the mapping between working-day
/// indices (0 = the first working day on or after `startDate`) and dates.
///
/// A date is a working day if it is a make-up working day (China's 调休: a weekend day worked in
/// exchange for a holiday), or else if its weekday is a working weekday and no holiday contains it.
public struct WorkCalendar: Sendable, Hashable {
    public var startDate: CalendarDate
    /// Non-empty, in Monday-first order.
    public var workingWeekdays: [Weekday]
    public var holidays: [DateRange]
    public var makeUpWorkingDays: [DateRange]

    public init(startDate: CalendarDate, workingWeekdays: [Weekday], holidays: [DateRange] = [], makeUpWorkingDays: [DateRange] = []) {
        self.startDate = startDate
        self.workingWeekdays = Weekday.allCases.filter(workingWeekdays.contains)
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
    }

    public func isWorkingDay(_ d: CalendarDate) -> Bool {
        if makeUpWorkingDays.contains(where: { $0.contains(d) }) { return true }
        if holidays.contains(where: { $0.contains(d) }) { return false }
        return workingWeekdays.contains(d.weekday)
    }

    /// The holiday containing `d`, if any (for labels).
    public func holiday(on d: CalendarDate) -> DateRange? { holidays.first { $0.contains(d) } }

    /// The first `count` working days from the start date, in order. With at least one working
    /// weekday this always terminates: holidays are finite ranges.
    public func workingDays(count: Int) -> [CalendarDate] {
        guard !workingWeekdays.isEmpty || !makeUpWorkingDays.isEmpty else { return [] }
        var out: [CalendarDate] = []
        out.reserveCapacity(max(0, count))
        var d = startDate
        // A guard against a calendar of make-up days only: stop after the last one.
        let lastMakeUp = makeUpWorkingDays.map(\.to).max()
        while out.count < count {
            if isWorkingDay(d) { out.append(d) }
            if workingWeekdays.isEmpty, let lastMakeUp, d >= lastMakeUp { break }
            d = d.adding(days: 1)
            if d.year >= 9999 { break }
        }
        return out
    }

    /// Index of the first working day on or after `d` (0 if `d` is before the start).
    public func workingDayIndex(onOrAfter d: CalendarDate) -> Int {
        guard d > startDate else { return 0 }
        var i = 0
        var x = startDate
        while x < d {
            if isWorkingDay(x) { i += 1 }
            x = x.adding(days: 1)
        }
        return i
    }
}
