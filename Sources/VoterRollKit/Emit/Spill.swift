#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes set aside during a run and copied into an output at commit: an anonymous file in the
/// output folder, unlinked as soon as it is created, so nothing is left behind however the
/// run ends.
///
/// Used for what an output lists after everything else although it is known earlier (the
/// change findings, written after every other finding).
final class Spill {
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var isEmpty = true

    /// Creates the spill in `directory` (0600, for it may hold ID numbers).
    init(directory: String, name: String) throws(OutputError) {
        path = directory + "/.\(name).spill-\(getpid())"
        unlink(path)
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        unlink(path)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        close(descriptor)
    }

    func write(_ bytes: some Sequence<UInt8>) throws(OutputError) {
        isEmpty = false
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(OutputError) {
        try AtomicFile.writeAll(&buffer, to: descriptor, path: path)
    }

    /// Copies every byte written so far into `file`.
    func copy(into file: AtomicFile) throws(OutputError) {
        try flush()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return }
            try file.write(chunk[0..<count])
            offset += off_t(count)
        }
    }
}
