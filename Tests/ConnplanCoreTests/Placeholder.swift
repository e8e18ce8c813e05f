import XCTest
final class ConnplanCoreTestsPlaceholder: XCTestCase { func testBuilds() {} }
