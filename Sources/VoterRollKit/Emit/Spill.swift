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
    /// Bytes written so far.
    private(set) var size: Int64 = 0

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
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        size += Int64(buffer.count - before)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(OutputError) {
        try AtomicFile.writeAll(&buffer, to: descriptor, path: path)
    }

    /// Copies every byte written so far into `file`.
    func copy(into file: AtomicFile) throws(OutputError) {
        try copy { chunk throws(OutputError) in try file.write(chunk) }
    }

    /// Hands every byte written so far to `sink`, a chunk at a time.
    func copy(_ sink: (ArraySlice<UInt8>) throws(OutputError) -> Void) throws(OutputError) {
        var offset: Int64 = 0
        while offset < size {
            let chunk = try bytes(at: offset, count: Int(min(size - offset, 1 << 20)))
            try sink(chunk[...])
            offset += Int64(chunk.count)
        }
    }

    /// `count` bytes from `offset` (both within what was written).
    func bytes(at offset: Int64, count: Int) throws(OutputError) -> [UInt8] {
        if !buffer.isEmpty { try flush() }
        var chunk = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = chunk.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0 + filled, count - filled, off_t(offset) + off_t(filled)) } ?? 0
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if read == 0 { throw OutputError(path: path, message: "the spill file was cut short") }
            filled += read
        }
        return chunk
    }
}
