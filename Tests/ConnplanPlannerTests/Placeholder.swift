import XCTest
final class ConnplanPlannerTestsPlaceholder: XCTestCase { func testBuilds() {} }
