/// The bytes of one workbook part: inflated at once when small, streamed from the inflating
/// thread otherwise. Parsers pull from it through `read(into:)`.
final class XLSXPartBytes {
    let part: String
    private let memory: [UInt8]
    private var offset = 0
    private let stream: XLSXEntryStream?

    init(part: String, memory: [UInt8]) {
        self.part = part
        self.memory = memory
        stream = nil
    }

    init(part: String, stream: XLSXEntryStream) {
        self.part = part
        memory = []
        self.stream = stream
    }

    deinit {
        stream?.cancel()
    }

    /// Fills `buffer`: the count, 0 at the end, -1 when the part failed (see `error`).
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if let stream { return stream.read(into: buffer) }
        let count = min(buffer.count, memory.count - offset)
        guard count > 0 else { return 0 }
        memory.withUnsafeBufferPointer { source in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
                .initialize(from: source[offset..<offset + count])
        }
        offset += count
        return count
    }

    /// Why reading stopped early (a limit, a bad checksum, a DOCTYPE), if it did.
    var error: IngestError? { stream?.error }
}
