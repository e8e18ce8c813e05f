// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replace a file atomically: write a temporary file in the same directory,
/// flush it, then `rename(2)` it over the target (atomic within one file system).
enum AtomicFile {
    static func replace(_ path: String, write: (String) throws(XLSXError) -> Void) throws(XLSXError) {
        let (directory, base) = split(path)
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .directoryMissing(path: directory)
        }
        // A dot-file with a random suffix: hidden from casual listings, unique
        // enough that concurrent writers to the same target cannot collide.
        let temporary = directory + "/." + base + "." + String(UInt64.random(in: .min ... .max), radix: 16) + ".tmp"
        do throws(XLSXError) {
            try write(temporary)
            try flush(temporary)
            guard rename(temporary, path) == 0 else { throw posixError("rename", path) }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; some file systems refuse fsync on a
        // directory, which does not make the write wrong, so the result is ignored.
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            _ = close(directoryDescriptor)
        }
    }

    /// The directory (without a trailing slash; "." for a bare name) and the last component.
    static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func flush(_ path: String) throws(XLSXError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw posixError("open", path) }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 else { throw posixError("fsync", path) }
    }

    private static func posixError(_ operation: String, _ path: String) -> XLSXError {
        let code = errno
        return .fileSystem(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
    }
}
