internal import CVoterRoll

/// An ICU converter between a legacy charset (GB18030, UTF-16LE/BE…) and UTF-8.
///
/// Owns one ICU handle, closed in `deinit`. Decoding is streaming: an incomplete sequence at
/// the end of a chunk is kept for the next chunk. Undecodable bytes never stop the caller:
/// they become U+FFFD and are reported with their offset, so a finding can name the byte.
final class CharsetConverter {
    /// An undecodable byte sequence in the input.
    struct InvalidSequence: Equatable, Sendable {
        /// Offset of its first byte from the start of the chunk it was found in (negative when
        /// it began in the previous chunk).
        var offset: Int
        var length: Int
        /// Index in the output buffer where its U+FFFD replacement begins, so a reader can tie
        /// the sequence to the decoded text (and so to a row and cell) around it.
        var outputOffset: Int
    }

    private let handle: OpaquePointer
    let charset: String
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    init(charset: String) throws(ICUError) {
        var status: Int32 = 0
        let opened = CVoterRoll_converterOpen(charset, &status)
        try ICUError.check(status, "opening converter \(charset)")
        guard let opened else { throw ICUError(status: 5, operation: "opening converter \(charset)") }
        self.handle = opened
        self.charset = charset
    }

    deinit {
        CVoterRoll_converterClose(handle)
    }

    /// Decodes `chunk`, appending UTF-8 to `output`; returns the undecodable sequences met.
    ///
    /// Pass `flush: true` with the last chunk so a truncated final sequence is reported.
    func decode(_ chunk: UnsafeBufferPointer<UInt8>, flush: Bool, into output: inout [UInt8]) throws(ICUError) -> [InvalidSequence] {
        var invalid: [InvalidSequence] = []
        var start = 0
        let total = chunk.count
        var scratch = [UInt8](repeating: 0, count: 2 * min(total, 1 << 20) + 16)
        repeat {
            // Bounded pieces keep the scratch buffer small whatever the chunk size.
            let pieceLength = min(total - start, 1 << 20)
            let isLast = start + pieceLength == total
            var consumed: Int32 = 0
            var produced: Int32 = 0
            var invalidLength: Int32 = 0
            var status: Int32 = 0
            let capacity = scratch.count
            let result = scratch.withUnsafeMutableBufferPointer { target in
                CVoterRoll_converterToUTF8(
                    handle, chunk.baseAddress.map { $0 + start }, Int32(pieceLength),
                    target.baseAddress, Int32(capacity), (flush && isLast) ? 1 : 0,
                    &consumed, &produced, &invalidLength, &status)
            }
            try ICUError.check(status, "decoding \(charset)")
            output.append(contentsOf: scratch[0..<Int(produced)])
            if result == 1 {
                invalid.append(InvalidSequence(
                    offset: start + Int(consumed) - Int(invalidLength), length: Int(invalidLength),
                    outputOffset: output.count))
                output.append(contentsOf: CharsetConverter.replacement)
            }
            start += Int(consumed)
        } while start < total
        return invalid
    }

    /// Decodes a whole byte string (convenience for small inputs and tests).
    func decode(_ bytes: [UInt8]) throws(ICUError) -> (text: String, invalid: [InvalidSequence]) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2)
        let invalid = try bytes.withUnsafeBufferPointer { (pointer) throws(ICUError) in
            try decode(pointer, flush: true, into: &output)
        }
        CVoterRoll_converterReset(handle)
        return (String(decoding: output, as: UTF8.self), invalid)
    }

    /// Encodes text into this charset; throws when a character cannot be represented.
    func encode(_ text: String) throws(ICUError) -> [UInt8] {
        let source = Array(text.utf8)
        var capacity = source.count * 2 + 16
        for _ in 0..<2 {
            var target = [UInt8](repeating: 0, count: capacity)
            var status: Int32 = 0
            let length = source.withUnsafeBufferPointer { input in
                target.withUnsafeMutableBufferPointer { output in
                    CVoterRoll_converterFromUTF8(handle, input.baseAddress, Int32(input.count), output.baseAddress, Int32(capacity), &status)
                }
            }
            if status == ICUError.bufferOverflow {
                capacity = Int(length) + 16
                continue
            }
            try ICUError.check(status, "encoding \(charset)")
            return Array(target.prefix(Int(length)))
        }
        throw ICUError(status: ICUError.bufferOverflow, operation: "encoding \(charset)")
    }

    /// Whether every character of `text` can be written in this charset.
    func canEncode(_ text: String) -> Bool {
        (try? encode(text)) != nil
    }
}
