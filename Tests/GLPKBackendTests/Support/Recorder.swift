// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Collects values from `@Sendable` callbacks (progress reports, concurrent solves).
final class Recorder<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        storage.append(element)
        lock.unlock()
    }

    var elements: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
