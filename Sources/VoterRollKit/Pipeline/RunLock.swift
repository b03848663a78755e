public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps two runs from writing the same output folder at once (exit status 4).
///
/// A cron run that overlaps a hand run, or a slow night's run still going when the next
/// starts, would interleave files. `flock` on `<out>/.voterroll.lock` is released by the
/// kernel when the process ends, however it ends, so a killed run never leaves a stale lock.
/// The holder writes its pid and start time into the file so the refused run can name it.
public final class RunLock: Sendable {
    /// Another run holds the lock.
    public struct Held: Error, CustomStringConvertible, Sendable {
        public var path: String
        /// What the holder wrote: `pid 1234, started 2026-11-29T02:00:00Z`.
        public var holder: String
        public var description: String {
            "another run holds the lock \(path) (\(holder)); wait for it to finish or stop it"
        }
    }

    public let path: String
    private let descriptor: Int32

    /// Takes the lock in `directory` (created if missing) or throws `Held` at once.
    public init(directory: String, now: Date = Date()) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/.voterroll.lock"
        // O_NOFOLLOW: a link planted at this name (`.voterroll.lock -> ../victim`) is refused,
        // never opened, so the pid written below cannot land in another file.
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP {
                throw CocoaError(.fileWriteNoPermission, userInfo: [
                    NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: "\(path) is a symbolic link; VoterRoll does not follow it: remove it",
                ])
            }
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(descriptor, &buffer, buffer.count)
            close(descriptor)
            let text = CellWhitespace.trimmed(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self))
            throw Held(path: path, holder: text.isEmpty ? "holder unknown" : text)
        }
        let stamp = ISO8601DateFormatter().string(from: now)
        let text = Array("pid \(getpid()), started \(stamp)\n".utf8)
        ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
