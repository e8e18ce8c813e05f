// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole files so that a reader sees the old file or the new one, never half of either.
///
/// The data goes to a new temporary file in the destination's folder (same file system, so
/// `rename(2)` is atomic; POSIX.1-2017 `rename`), is flushed with `fsync(2)`, and is then renamed
/// over the destination. On any failure the temporary file is removed and the destination is
/// left as it was. New files get mode 0644 less the process umask.
public enum AtomicFile {
    /// Writes `data` to `path`, replacing any existing file. Throws `MILPError.io` with the
    /// system's reason (`strerror`) on failure.
    public static func write(_ data: Data, to path: String) throws(MILPError) {
        guard !path.isEmpty, !path.hasSuffix("/"), !path.contains("\0") else {
            throw .io(path: path, message: "not a file path")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, "cannot create temporary file in its folder") }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporary) }
        }
        var writeError: Int32?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    writeError = errno
                    return
                }
                offset += written
            }
        }
        if let writeError { throw failure(path, "write failed", code: writeError) }
        guard fsync(fd) == 0 else { throw failure(path, "fsync failed") }
        closed = true
        guard close(fd) == 0 else { throw failure(path, "close failed") }
        guard rename(temporary, path) == 0 else { throw failure(path, "cannot replace the file") }
        renamed = true
        // Make the rename itself durable; a failure here does not undo the write, so it is ignored.
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Writes `text` as UTF-8; see `write(_:to:)` for data.
    public static func write(_ text: String, to path: String) throws(MILPError) {
        try write(Data(text.utf8), to: path)
    }

    private static func failure(_ path: String, _ what: String, code: Int32 = errno) -> MILPError {
        let reason = String(cString: strerror(code))
        return .io(path: path, message: "\(what): \(reason)")
    }
}
