import XCTest
final class GLPKBackendTestsPlaceholder: XCTestCase { func testBuilds() {} }
