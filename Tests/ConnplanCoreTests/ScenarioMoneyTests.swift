// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// Money is read from the decimal text into integer fen, never through binary floating point.
final class ScenarioMoneyTests: XCTestCase {
    func testDecimalTextBecomesExactFen() {
        let cases: [(String, FenParser.Result)] = [
            ("2350", .fen(235_000)), ("1500.5", .fen(150_050)), ("1500.50", .fen(150_050)), ("0.1", .fen(10)),
            ("0.2", .fen(20)), ("0.3", .fen(30)), ("0.30", .fen(30)), ("0", .fen(0)), ("0.01", .fen(1)),
            // Each of these is off by one fen if computed as Int(Double(text)! * 100).
            ("19.99", .fen(1_999)), ("1.15", .fen(115)), ("0.29", .fen(29)), ("4.35", .fen(435)), ("1.005e0", .notDecimal),
            ("12.340", .fen(1_234)), ("12.3400", .fen(1_234)), (".5", .fen(50)), ("5.", .fen(500)), ("+7", .fen(700)),
            ("-12.5", .fen(-1_250)), ("007.05", .fen(705)),
            ("12.345", .tooManyDecimals), ("0.001", .tooManyDecimals), ("1500.501", .tooManyDecimals),
            ("1e3", .notDecimal), ("", .notDecimal), (".", .notDecimal), ("abc", .notDecimal), ("1,000", .notDecimal),
            ("12.3.4", .notDecimal), ("--1", .notDecimal), ("0x10", .notDecimal), (".inf", .notDecimal),
            ("10000000000000", .fen(1_000_000_000_000_000)), ("10000000000000.01", .outOfRange),
            ("99999999999999999999999999999999", .outOfRange),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(FenParser.parse(text), expected, text)
        }
        XCTAssertEqual(Int(Double("19.99")! * 100), 1_998, "the binary floating-point route really is wrong here")
    }

    func testScenarioMoneyIsExactEndToEnd() throws {
        let text =
            ScenarioFixtures.minimalGas
            .replacingOccurrences(of: "{verge: 420}", with: "{verge: 0.1, pavement: 19.99}")
            .replacingOccurrences(of: "consent: granted}", with: "consent: granted, consent_cost_cny: 1.15}")
            + "household_costs:\n  - {item: a, cost_cny: 0.1}\n  - {item: b, cost_cny: 0.2}\n  - {item: c, cost_cny: 2350}\n  - {item: d, cost_cny: 1500.5}\n"
        let s = try XCTUnwrap(load(text)).scenario
        XCTAssertEqual(s.householdCosts.map(\.costFen), [10, 20, 235_000, 150_050])
        XCTAssertEqual(s.householdCosts[0].costFen + s.householdCosts[1].costFen, 30, "0.1 + 0.2 is exactly 0.30 CNY")
        XCTAssertEqual(s.perHouseholdFixedCostFen, 385_080)
        XCTAssertEqual(s.pipes[0].costPerMetreFen, ["verge": 10, "pavement": 1_999])
        XCTAssertEqual(s.owners[0].consentCostFen, 115)
    }

    func testMoneyErrorsInAScenario() {
        let base = ScenarioFixtures.minimalGas
        XCTAssertEqual(
            only("money-precision", in: findings(base + "household_costs:\n  - {item: a, cost_cny: 12.345}\n"))?.location?.line, 23)
        XCTAssertNotNil(only("out-of-range", in: findings(base + "household_costs:\n  - {item: a, cost_cny: -0.01}\n")))
        XCTAssertNotNil(only("wrong-type", in: findings(base + "household_costs:\n  - {item: a, cost_cny: '2350'}\n")))
        XCTAssertNotNil(only("wrong-type", in: findings(base + "household_costs:\n  - {item: a, cost_cny: 2.35e3}\n")))
        XCTAssertNotNil(only("out-of-range", in: findings(base + "household_costs:\n  - {item: a, cost_cny: 123456789012345678}\n")))
        XCTAssertNotNil(only("missing-key", in: findings(base + "household_costs:\n  - {item: a}\n")))
    }
}
