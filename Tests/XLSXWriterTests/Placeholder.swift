import XCTest
final class XLSXWriterPlaceholder: XCTestCase { func testBuilds() {} }
