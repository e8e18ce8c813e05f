import XCTest
final class ConnplanCLITestsPlaceholder: XCTestCase { func testBuilds() {} }
