/// Turns a file's bytes, chunk by chunk, into UTF-8, replacing what cannot be decoded.
///
/// Memory stays at one chunk whatever the file's size. UTF-8 files are checked, not
/// converted (a well-formed chunk is copied as it is); GB18030 goes through tables built from
/// ICU (`GB18030Decoder`), UTF-16 through ICU itself.
/// Each undecodable sequence, and each NUL character, becomes U+FFFD in the output and a
/// `Mark` that keeps its byte offset in the file, so the reader can report it on its row; so
/// does UTF-8 text found in a GB18030 file, which is read as UTF-8 (`GB18030Decoder`).
final class TextDecoder {
    /// Text in the output that is not what the file's encoding says: a replacement character,
    /// or UTF-8 in a GB18030 file.
    struct Mark: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            /// Bytes that are not valid in the file's encoding, written as U+FFFD.
            case undecodable
            /// A NUL character, written as U+FFFD.
            case nul
            /// A run of well-formed UTF-8 in a GB18030 file, written as the UTF-8 it is;
            /// `gb18030` is what it would have read as GB18030.
            case utf8InGB18030(gb18030: String)
        }

        /// Index in the output where the text starts (for U+FFFD, its three bytes EF BF BD).
        var index: Int
        /// Offset of the first byte in the file.
        var fileOffset: Int
        /// How many bytes of the file it stands for.
        var length: Int
        var kind: Kind
    }

    static let defaultChunkSize = 1 << 20
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    let encoding: TextEncoding
    private let source: ByteFile
    private let chunkSize: Int
    /// Bytes already read while sniffing the encoding, decoded before any more are read.
    private var prefetched: [UInt8]
    private var prefetchedUsed = 0
    /// True once the file has given its last byte.
    private var sourceExhausted: Bool
    /// Raw bytes of the chunk being decoded; for UTF-8, an incomplete sequence from the
    /// previous chunk is kept at its front.
    private var raw: [UInt8]
    private var carried = 0
    /// File offset of `raw[0]`.
    private var rawFileOffset = 0
    /// ICU, for UTF-16 (and GB18030 should its table fail to build).
    private let converter: CharsetConverter?
    private let gb18030: GB18030Decoder?
    /// True once everything has been decoded.
    private(set) var isAtEnd = false

    /// Decodes `source` in `encoding`, starting with `prefetched` (its first bytes, already read;
    /// `prefetchedIsWholeFile` when nothing follows them).
    init(source: ByteFile, encoding: TextEncoding, prefetched: [UInt8], prefetchedIsWholeFile: Bool, chunkSize: Int = TextDecoder.defaultChunkSize) throws(IngestError) {
        self.source = source
        self.encoding = encoding
        // Even, so that UTF-16 code units never straddle two chunks.
        self.chunkSize = max(chunkSize & ~1, 16)
        self.prefetched = prefetched
        self.sourceExhausted = prefetchedIsWholeFile
        // Room for what a chunk carries to the next: an incomplete sequence, or for GB18030 a
        // run of non-ASCII bytes still open.
        self.raw = [UInt8](repeating: 0, count: self.chunkSize + max(4, GB18030Decoder.maxRun))
        gb18030 = encoding == .gb18030 ? GB18030Decoder() : nil
        if encoding == .utf8 || gb18030 != nil {
            converter = nil
        } else {
            do {
                converter = try CharsetConverter(charset: encoding.icuName)
            } catch {
                throw IngestError(.unreadable, file: source.file, message: "cannot decode \(encoding.rawValue): \(error)")
            }
        }
    }

    /// Decodes the next chunk, appending UTF-8 to `output` and a mark for each replacement.
    func decodeChunk(into output: inout [UInt8], marks: inout [Mark]) throws(IngestError) {
        guard !isAtEnd else { return }
        let count = try nextRawChunk()
        let isLast = sourceExhausted && prefetchedUsed == prefetched.count
        let total = carried + count
        let chunkFileOffset = rawFileOffset
        var failure: ICUError?
        raw.withUnsafeBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<total])
            if let gb18030 {
                carried = gb18030.decode(bytes, isLast: isLast, fileOffset: chunkFileOffset, into: &output, marks: &marks)
            } else if let converter {
                failure = decodeICU(bytes, converter: converter, isLast: isLast, fileOffset: chunkFileOffset, into: &output, marks: &marks)
                carried = 0
            } else {
                carried = decodeUTF8(bytes, isLast: isLast, fileOffset: chunkFileOffset, into: &output, marks: &marks)
            }
        }
        if let failure {
            throw IngestError(.unreadable, file: source.file, message: "cannot decode \(encoding.rawValue): \(failure)")
        }
        if carried > 0 {
            // Move what is carried (at most `GB18030Decoder.maxRun` bytes) to the front.
            raw.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                base.update(from: base + (total - carried), count: carried)
            }
        }
        rawFileOffset = chunkFileOffset + total - carried
        if isLast { isAtEnd = true }
    }

    /// Reads the next raw bytes into `raw` after the carried ones; returns how many.
    private func nextRawChunk() throws(IngestError) -> Int {
        if prefetchedUsed < prefetched.count {
            let count = min(chunkSize, prefetched.count - prefetchedUsed)
            let (from, to) = (prefetchedUsed, carried)
            prefetched.withUnsafeBufferPointer { source in
                raw.withUnsafeMutableBufferPointer { target in
                    guard let source = source.baseAddress, let target = target.baseAddress else { return }
                    (target + to).update(from: source + from, count: count)
                }
            }
            prefetchedUsed += count
            if prefetchedUsed == prefetched.count { prefetched = [] ; prefetchedUsed = 0 }
            return count
        }
        guard !sourceExhausted else { return 0 }
        let start = carried
        let wanted = chunkSize
        var failure: IngestError?
        let count = raw.withUnsafeMutableBytes { buffer in
            do throws(IngestError) {
                return try source.fill(UnsafeMutableRawBufferPointer(rebasing: buffer[start..<(start + wanted)]))
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        if count < wanted { sourceExhausted = true }
        return count
    }

    /// Checks UTF-8, copying clean runs; returns how many trailing bytes to carry over.
    private func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, fileOffset: Int, into output: inout [UInt8], marks: inout [Mark]) -> Int {
        var start = 0
        while let (at, problem) = UTF8Scanner.firstProblem(in: bytes, from: start) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
            let length: Int
            switch problem {
            case .incomplete:
                if !isLast { return bytes.count - at }
                length = bytes.count - at
            case .invalid(let invalidLength):
                length = invalidLength
            case .nul:
                length = 1
            }
            marks.append(Mark(index: output.count, fileOffset: fileOffset + at, length: length, kind: problem == .nul ? .nul : .undecodable))
            output.append(contentsOf: TextDecoder.replacement)
            start = at + length
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        return 0
    }

    /// Converts through ICU, splitting at NUL characters so each can be marked; returns ICU's
    /// failure, if any (not an undecodable sequence, which is marked, but e.g. no memory).
    private func decodeICU(_ bytes: UnsafeBufferPointer<UInt8>, converter: CharsetConverter, isLast: Bool, fileOffset: Int, into output: inout [UInt8], marks: inout [Mark]) -> ICUError? {
        let width = encoding.codeUnitWidth
        var start = 0
        while true {
            let nul = TextDecoder.firstNUL(in: bytes, from: start, width: width)
            let end = nul ?? bytes.count
            // Flush before a NUL so a sequence it cuts short is reported, not joined across it.
            let flush = nul != nil || isLast
            do {
                let invalid = try converter.decode(UnsafeBufferPointer(rebasing: bytes[start..<end]), flush: flush, into: &output)
                for sequence in invalid {
                    marks.append(Mark(index: sequence.outputOffset, fileOffset: fileOffset + start + sequence.offset, length: sequence.length, kind: .undecodable))
                }
            } catch {
                return error
            }
            guard let nul else { return nil }
            marks.append(Mark(index: output.count, fileOffset: fileOffset + nul, length: width, kind: .nul))
            output.append(contentsOf: TextDecoder.replacement)
            start = nul + width
        }
    }

    /// The index of the first NUL code unit at or after `start` (aligned for UTF-16).
    private static func firstNUL(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, width: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        if width == 1 {
            guard let found = memchrBytes(base + start, bytes.count - start) else { return nil }
            return found - base
        }
        var index = start
        while index + 1 < bytes.count {
            if base[index] | base[index + 1] == 0 { return index }
            index += 2
        }
        return nil
    }

    private static func memchrBytes(_ start: UnsafePointer<UInt8>, _ count: Int) -> UnsafePointer<UInt8>? {
        // A word-at-a-time search for a zero byte; NUL is rare, so this mostly runs to the end.
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            if start[index] == 0 { return start + index }
            index += 1
        }
        return nil
    }
}
