import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written to a temporary name in the same directory and renamed into place.
///
/// A killed run therefore never leaves a half-written file: readers see the old file or the
/// new one. The temporary name carries VoterRoll's marker (`.voterroll.tmp-PID-NAME`), so the
/// start-up cleanup knows it for its own and touches nothing else (`OutputLeftovers`).
///
/// Files holding full ID numbers are created 0600 (`isPrivate`), before any byte is written,
/// so there is no window in which others can read them. Every other file is created 0666 less
/// the umask, as any program's files are: an office that shares its published lists with a
/// group (umask 027) or with no one (077) gets what it asked for.
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
        if staged {
            temporaryPath = path
        } else {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[...$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            temporaryPath = folder + StagedFolder.prefix + "\(getpid())-" + name
        }
        // Created afresh (never through a link someone planted), so the mode below is the
        // mode the file gets.
        unlink(temporaryPath)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, isPrivate ? 0o600 : 0o666)
        if descriptor < 0 {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        // A umask wider than 077 would leave the owner without read or write: 0600 exactly.
        if isPrivate { fchmod(descriptor, 0o600) }
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
        try FaultInjection.fail(at: "write:" + (path.split(separator: "/").last.map(String.init) ?? path), path: path)
        if fsync(descriptor) != 0 {
            throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        finished = true
        if staged { return }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot move into place: \(reason)")
        }
    }

    /// The mode a file other than a private one is created with: 0666 less the umask.
    ///
    /// Read from /proc (the umask cannot be read without setting it, which would race with
    /// the threads writing published lists); 0644 when /proc is not there.
    static let sharedMode: mode_t = {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        {
            return 0o666 & ~mask
        }
        return 0o644
    }()
}
