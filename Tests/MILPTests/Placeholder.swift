import XCTest
final class MILPTestsPlaceholder: XCTestCase { func testBuilds() {} }
