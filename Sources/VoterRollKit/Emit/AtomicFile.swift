#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written to a temporary name in the same directory and renamed into place.
///
/// A killed run therefore never leaves a half-written roll: readers see the old file or the
/// new one. Files holding full ID numbers are created 0600 (`isPrivate`), before any byte
/// is written, so there is no window in which others can read them.
final class AtomicFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    /// True when the file is written under its own name, in a folder no one reads until the
    /// folder as a whole is swapped into place (`StagedFolder`): there is nothing to rename.
    private let staged: Bool

    init(path: String, isPrivate: Bool, staged: Bool = false) throws(OutputError) {
        self.path = path
        self.staged = staged
        self.temporaryPath = staged ? path : path + ".tmp-\(getpid())"
        let mode: mode_t = isPrivate ? 0o600 : 0o644
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        if descriptor < 0 {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        // The umask may have widened nothing, but an existing temporary file keeps its mode.
        fchmod(descriptor, mode)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: some Sequence<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ text: String) throws(OutputError) {
        try write(text.utf8)
    }

    private func flush() throws(OutputError) {
        try AtomicFile.writeAll(&buffer, to: descriptor, path: path)
    }

    /// Writes all of `buffer` to `descriptor` (retrying short writes and interruptions), then
    /// empties it.
    static func writeAll(_ buffer: inout [UInt8], to descriptor: Int32, path: String) throws(OutputError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    func commit() throws(OutputError) {
        try flush()
        fsync(descriptor)
        close(descriptor)
        finished = true
        if staged { return }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot move into place: \(reason)")
        }
    }
}
