/// Decodes GB18030 to UTF-8 from tables built once from ICU, and reads UTF-8 text pasted into a
/// GB18030 file as the UTF-8 it is.
///
/// ICU converts through UTF-16 one call per chunk and took a fifth of the time to read a
/// million-row register; a table of the two-byte codes (built at first use by passing every code
/// through ICU once, so the mapping is ICU's) lets the hot loop write UTF-8 directly, four bytes
/// at a time. ASCII is copied eight bytes at a time. Four-byte codes are computed (planes 1–16)
/// or asked of ICU and remembered (the BMP ones, which follow ICU's range table).
///
/// Mixed encodings: GB18030 decodes almost any UTF-8 byte sequence without error (张三 in UTF-8
/// reads as 寮犱笁), so a row saved as UTF-8 in a GB18030 register would pass unnoticed. Each run
/// of non-ASCII bytes (a cell's Chinese text, up to the next ASCII byte) is therefore checked as
/// it ends: when all of it is well-formed UTF-8 holding at least two common Han characters (the
/// 6,763 of GB2312), it is read as UTF-8 instead and marked (`Mark.Kind.utf8InGB18030`). Real
/// GB18030 text almost never passes: no run of a million-row synthetic register did, and about
/// one random three-character string in a million does (docs/LIMITS.md).
final class GB18030Decoder {
    /// The longest run checked for UTF-8, and so the most bytes carried to the next chunk: a run
    /// that crosses a chunk boundary is decoded again from its start with the next chunk, so that
    /// where chunks end changes nothing. Longer runs (over 85 Han characters in one cell) are
    /// read as GB18030 without the check.
    static let maxRun = 256

    /// UTF-8 of each two-byte code, indexed `(lead & 0x7F) << 8 | trail`: the bytes in the low 24
    /// bits (first byte lowest), the length in the top 8; 0 when it is not a two-byte code ICU
    /// decodes (the slow path then decides: four-byte code, replacement or carry).
    private static let table: [UInt32]? = buildTable()
    /// One bit per scalar U+4E00–U+9FFF: set for the Han characters of GB2312.
    private static let commonHan: [UInt64] = buildCommonHan()

    private let converter: CharsetConverter
    private let pairs: UnsafeMutablePointer<UInt32>
    /// Four-byte BMP codes met so far, and their UTF-8 (packed as in `table`; 0: undecodable).
    private var fourByte: [UInt32: UInt32] = [:]
    /// Where a chunk is decoded before it is appended to the output (3 bytes a byte at worst).
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 0
    /// The last chunk ended inside a run too long to carry: the next chunk's first run is its
    /// rest, and is not checked either.
    private var openLongRun = false

    /// nil when ICU cannot build the table (the caller then decodes through ICU directly).
    init?() {
        guard let table = GB18030Decoder.table, let converter = try? CharsetConverter(charset: "GB18030") else { return nil }
        // A pointer of its own, so that the hot loop reads the table without bounds checks or
        // reference counting.
        pairs = .allocate(capacity: table.count)
        pairs.initialize(from: table, count: table.count)
        scratch = .allocate(capacity: 1)
        self.converter = converter
    }

    deinit {
        pairs.deallocate()
        scratch.deallocate()
    }

    private static func buildTable() -> [UInt32]? {
        guard let converter = try? CharsetConverter(charset: "GB18030") else { return nil }
        // Every two-byte code followed by a line feed, decoded in one call.
        var input: [UInt8] = []
        input.reserveCapacity(126 * 191 * 3)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input += [UInt8(lead), UInt8(trail), 0x0A]
            }
        }
        guard let (text, _) = try? converter.decode(input) else { return nil }
        var table = [UInt32](repeating: 0, count: 128 * 256)
        var pieces = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                guard let piece = pieces.next() else { return nil }
                let bytes = Array(piece)
                // A replacement character means ICU could not decode the code.
                guard bytes.count <= 3, bytes != [0xEF, 0xBF, 0xBD] else { continue }
                table[(lead & 0x7F) << 8 | trail] = pack(bytes)
            }
        }
        return table
    }

    private static func pack(_ bytes: [UInt8]) -> UInt32 {
        var packed = UInt32(bytes.count) << 24
        for (index, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * index) }
        return packed
    }

    private static func buildCommonHan() -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (0xA000 - 0x4E00) / 64)
        guard let table else { return bits }
        for lead in 0xB0...0xF7 {
            for trail in 0xA1...0xFE {
                let packed = table[(lead & 0x7F) << 8 | trail]
                guard packed >> 24 == 3 else { continue }
                let scalar = (packed & 0x0F) << 12 | (packed >> 8 & 0x3F) << 6 | (packed >> 16 & 0x3F)
                guard scalar >= 0x4E00, scalar < 0xA000 else { continue }
                let offset = Int(scalar) - 0x4E00
                bits[offset >> 6] |= 1 << UInt64(offset & 63)
            }
        }
        return bits
    }

    /// Decodes `bytes` (whose first byte is at `fileOffset` in the file), appending UTF-8 to
    /// `output` and a mark for each replacement and each run read as UTF-8; returns how many
    /// trailing bytes to carry over (an incomplete code, or a run of non-ASCII bytes still open,
    /// at the end of a chunk that is not the last).
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, fileOffset: Int, into output: inout [UInt8], marks: inout [TextDecoder.Mark]) -> Int {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let count = bytes.count
        // Room for the worst case (every byte a replacement character) and a 4-byte store.
        if scratchCapacity < 3 * count + 8 {
            scratch.deallocate()
            scratchCapacity = 3 * count + 8
            scratch = .allocate(capacity: scratchCapacity)
        }
        let target = scratch
        let pairs = self.pairs
        let base = output.count
        var state = State(index: 0, out: 0)
        // The run of non-ASCII bytes being decoded: where it starts in `bytes` (-1: none), in
        // the output, and how many marks there were before it.
        var runStart = -1
        var runOut = 0
        var runMarks = 0
        var continuesLongRun = openLongRun
        while state.index < count {
            let lead = source[state.index]
            if lead < 0x80 {
                if runStart >= 0 {
                    if !continuesLongRun {
                        endRun(source, from: runStart, to: state.index, runOut: runOut, runMarks: runMarks, base: base, fileOffset: fileOffset, out: &state.out, marks: &marks)
                    }
                    runStart = -1
                }
                continuesLongRun = false
                if lead == 0 {
                    replace(&state, length: 1, nul: true, base: base, fileOffset: fileOffset, marks: &marks)
                    continue
                }
                // ASCII without NUL, eight bytes at a time, then one at a time.
                var index = state.index
                var out = state.out
                while index + 8 <= count {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    if word & high != 0 || (word &- 0x0101_0101_0101_0101) & ~word & high != 0 { break }
                    UnsafeMutableRawPointer(target + out).storeBytes(of: word, as: UInt64.self)
                    index &+= 8
                    out &+= 8
                }
                while index < count {
                    let byte = source[index]
                    if byte >= 0x80 || byte == 0 { break }
                    target[out] = byte
                    index &+= 1
                    out &+= 1
                }
                state = State(index: index, out: out)
                continue
            }
            if runStart < 0 {
                runStart = state.index
                runOut = state.out
                runMarks = marks.count
            }
            // A two-byte code: one table lookup, four bytes stored, as many kept as it has.
            if state.index + 1 < count {
                let packed = pairs[Int(lead & 0x7F) << 8 | Int(source[state.index + 1])]
                if packed != 0 {
                    UnsafeMutableRawPointer(target + state.out).storeBytes(of: packed, as: UInt32.self)
                    state.out &+= Int(packed >> 24)
                    state.index &+= 2
                    continue
                }
            }
            if !decodeOther(source, count: count, isLast: isLast, state: &state, base: base, fileOffset: fileOffset, marks: &marks) {
                break  // an incomplete code at the end of the chunk, to carry
            }
        }
        var carried = count - state.index
        openLongRun = false
        if runStart >= 0 {
            if isLast {
                if !continuesLongRun {
                    endRun(source, from: runStart, to: state.index, runOut: runOut, runMarks: runMarks, base: base, fileOffset: fileOffset, out: &state.out, marks: &marks)
                }
            } else if !continuesLongRun, count - runStart <= GB18030Decoder.maxRun {
                // Decode the open run again, whole, with the next chunk.
                state.out = runOut
                marks.removeSubrange(runMarks...)
                carried = count - runStart
            } else {
                openLongRun = true
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(start: target, count: state.out))
        return carried
    }

    /// Where the decoding loop stands: the next byte to read and the next byte to write.
    private struct State {
        var index: Int
        var out: Int
    }

    /// Writes U+FFFD for `length` bytes at `state.index` and marks it.
    private func replace(_ state: inout State, length: Int, nul: Bool = false, base: Int, fileOffset: Int, marks: inout [TextDecoder.Mark]) {
        marks.append(TextDecoder.Mark(index: base + state.out, fileOffset: fileOffset + state.index, length: length, kind: nul ? .nul : .undecodable))
        scratch[state.out] = 0xEF
        scratch[state.out + 1] = 0xBF
        scratch[state.out + 2] = 0xBD
        state.out += 3
        state.index += length
    }

    /// Everything but a valid two-byte code: a four-byte code, an undecodable sequence, or an
    /// incomplete code at the end of the chunk (false: not decoded, to be carried, unless last).
    private func decodeOther(_ source: UnsafePointer<UInt8>, count: Int, isLast: Bool, state: inout State, base: Int, fileOffset: Int, marks: inout [TextDecoder.Mark]) -> Bool {
        let index = state.index
        let lead = source[index]
        guard lead != 0x80, lead != 0xFF else {
            replace(&state, length: 1, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        guard index + 1 < count else {
            if !isLast { return false }
            replace(&state, length: 1, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        let second = source[index + 1]
        if second >= 0x40, second != 0x7F, second != 0xFF {
            // A two-byte code ICU cannot decode.
            replace(&state, length: 2, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        guard second >= 0x30, second <= 0x39 else {
            // A lead byte with a bad second byte: as ICU does, 0xFF goes with the lead byte,
            // anything else is read again on its own.
            replace(&state, length: second == 0xFF ? 2 : 1, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        guard index + 3 < count else {
            if !isLast { return false }
            replace(&state, length: count - index, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        let third = source[index + 2]
        let fourth = source[index + 3]
        guard third >= 0x81, third <= 0xFE, fourth >= 0x30, fourth <= 0x39 else {
            replace(&state, length: 1, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        let code = UInt32(lead) << 24 | UInt32(second) << 16 | UInt32(third) << 8 | UInt32(fourth)
        let scalar = fourByteUTF8(code, lead: lead, second: second, third: third, fourth: fourth)
        if scalar == 0 {
            replace(&state, length: 4, base: base, fileOffset: fileOffset, marks: &marks)
            return true
        }
        let target = scratch + state.out
        if scalar >> 24 == 4 {
            // Planes 1–16: the packed form has no room for a fourth byte and a length.
            let value = scalar & 0x1F_FFFF
            target[0] = UInt8(0xF0 | (value >> 18))
            target[1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            target[2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            target[3] = UInt8(0x80 | (value & 0x3F))
            state.out += 4
        } else {
            UnsafeMutableRawPointer(target).storeBytes(of: scalar, as: UInt32.self)
            state.out += Int(scalar >> 24)
        }
        state.index += 4
        return true
    }

    /// UTF-8 of a four-byte code, packed (length 4: the low 21 bits hold the scalar instead).
    private func fourByteUTF8(_ code: UInt32, lead: UInt8, second: UInt8, third: UInt8, fourth: UInt8) -> UInt32 {
        let linear = ((Int(lead) - 0x81) * 10 + Int(second) - 0x30) * 1260 + (Int(third) - 0x81) * 10 + Int(fourth) - 0x30
        // 0x90308130 is U+10000; planes 1–16 follow in order.
        let supplementaryStart = ((0x90 - 0x81) * 10) * 1260
        if linear >= supplementaryStart {
            let scalar = linear - supplementaryStart + 0x10000
            return scalar <= 0x10FFFF ? (4 << 24) | UInt32(scalar) : 0
        }
        if let known = fourByte[code] { return known }
        var packed: UInt32 = 0
        if let (text, invalid) = try? converter.decode([lead, second, third, fourth]), invalid.isEmpty {
            let bytes = Array(text.utf8)
            if bytes.count <= 3 {
                packed = GB18030Decoder.pack(bytes)
            } else if let scalar = text.unicodeScalars.first {
                packed = (4 << 24) | scalar.value
            }
        }
        fourByte[code] = packed
        return packed
    }

    // MARK: UTF-8 in a GB18030 file

    /// A run of non-ASCII bytes, `source[start..<end]`, has ended: when it reads as UTF-8 text,
    /// its GB18030 reading (from `runOut` in the scratch output) is replaced by the bytes
    /// themselves and its marks by one that says so.
    @inline(__always)
    private func endRun(_ source: UnsafePointer<UInt8>, from start: Int, to end: Int, runOut: Int, runMarks: Int, base: Int, fileOffset: Int, out: inout Int, marks: inout [TextDecoder.Mark]) {
        // Two 3-byte sequences at least; and most GB18030 text fails on its first two bytes.
        let length = end - start
        guard length >= 6, length <= GB18030Decoder.maxRun, source[start] >= 0xC2, source[start] <= 0xF4, source[start + 1] < 0xC0 else { return }
        rereadAsUTF8(source, from: start, to: end, runOut: runOut, runMarks: runMarks, base: base, fileOffset: fileOffset, out: &out, marks: &marks)
    }

    @inline(never)
    private func rereadAsUTF8(_ source: UnsafePointer<UInt8>, from start: Int, to end: Int, runOut: Int, runMarks: Int, base: Int, fileOffset: Int, out: inout Int, marks: inout [TextDecoder.Mark]) {
        let length = end - start
        let run = UnsafeBufferPointer(start: source + start, count: length)
        guard GB18030Decoder.looksLikeUTF8Han(run) else { return }
        let gb18030 = String(decoding: UnsafeBufferPointer(start: scratch + runOut, count: out - runOut), as: UTF8.self)
        (scratch + runOut).update(from: source + start, count: length)
        out = runOut + length
        marks.removeSubrange(runMarks...)
        marks.append(TextDecoder.Mark(index: base + runOut, fileOffset: fileOffset + start, length: length, kind: .utf8InGB18030(gb18030: gb18030)))
    }

    /// Whether `run` is well-formed UTF-8 holding at least two common Han characters (GB2312's).
    static func looksLikeUTF8Han(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        guard UTF8Scanner.firstProblem(in: run, from: 0) == nil else { return false }
        var common = 0
        var index = 0
        while index < run.count {
            let lead = run[index]
            switch lead {
            case ..<0x80: index += 1
            case ..<0xE0: index += 2
            case ..<0xF0:
                let scalar = Int(lead & 0x0F) << 12 | Int(run[index + 1] & 0x3F) << 6 | Int(run[index + 2] & 0x3F)
                if scalar >= 0x4E00, scalar < 0xA000 {
                    let offset = scalar - 0x4E00
                    if commonHan[offset >> 6] & (1 << UInt64(offset & 63)) != 0 { common += 1 }
                }
                index += 3
            default: index += 4
            }
        }
        return common >= 2
    }
}
