import Foundation

/// Appends findings written after the core outputs were committed (the change findings) to
/// findings.csv and findings.jsonl, without ever leaving either half-written.
///
/// Each file is copied to a temporary name beside it, the new lines added, and the copy
/// renamed into place (`AtomicFile`); the lines come from a `FindingsWriter` that wrote
/// them into `from`, so both files keep exactly one way of writing a finding.
enum FindingsMerge {
    static func append(from folder: String, into directory: String, encoding: OutputEncoding) throws(OutputError) {
        for name in ["findings.csv", "findings.jsonl"] {
            let target = directory + "/" + name
            let file = try AtomicFile(path: target, isPrivate: true)
            try copy(target, into: file, skippingLines: 0)
            // The CSV's header (and byte order mark) are in the target already.
            try copy(folder + "/" + name, into: file, skippingLines: name.hasSuffix(".csv") ? 1 : 0)
            try file.commit()
        }
    }

    /// Copies a file's bytes, after its first `skippingLines` lines (a leading UTF-8 byte
    /// order mark goes with the first line).
    private static func copy(_ path: String, into file: AtomicFile, skippingLines: Int) throws(OutputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var toSkip = skippingLines
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            var start = 0
            while toSkip > 0, start < count {
                // Line feeds never occur inside a GB18030 or UTF-8 multi-byte sequence, and the
                // header has no quoted line breaks.
                guard let newline = buffer[start..<count].firstIndex(of: 0x0A) else {
                    start = count
                    break
                }
                start = newline + 1
                toSkip -= 1
            }
            if start < count { try file.write(buffer[start..<count]) }
        }
    }
}
