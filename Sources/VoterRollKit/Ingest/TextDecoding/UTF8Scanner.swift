/// Finds the first byte sequence in UTF-8 text that a cell must not hold.
///
/// The reader's hot loop for UTF-8 files: eight ASCII bytes at a time, then one scalar at a
/// time by the table of well-formed sequences in the Unicode standard (no overlongs, no
/// surrogates, nothing past U+10FFFF). NUL is reported too: it is valid UTF-8 but never
/// meaningful in a spreadsheet cell, and C libraries downstream would cut the text there.
enum UTF8Scanner {
    enum Problem: Equatable {
        /// Not UTF-8; `length` is the maximal ill-formed subpart (Unicode §3.9), so each
        /// replacement stands for the bytes a conforming decoder would replace.
        case invalid(length: Int)
        /// A NUL byte.
        case nul
        /// A sequence that may be completed by bytes after the end of the buffer.
        case incomplete
    }

    /// The index of the first problem at or after `start`, or nil when the rest is clean.
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (index: Int, problem: Problem)? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = start
        while index < count {
            // Eight ASCII bytes with no NUL at a time.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                if word & high != 0 || (word &- 0x0101_0101_0101_0101) & ~word & high != 0 { break }
                index += 8
            }
            guard index < count else { return nil }
            let lead = base[index]
            if lead < 0x80 {
                if lead == 0 { return (index, .nul) }
                index += 1
                continue
            }
            let length: Int
            let secondLow: UInt8
            let secondHigh: UInt8
            switch lead {
            case 0xC2...0xDF: (length, secondLow, secondHigh) = (2, 0x80, 0xBF)
            case 0xE0: (length, secondLow, secondHigh) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, secondLow, secondHigh) = (3, 0x80, 0xBF)
            case 0xED: (length, secondLow, secondHigh) = (3, 0x80, 0x9F)
            case 0xF0: (length, secondLow, secondHigh) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, secondLow, secondHigh) = (4, 0x80, 0xBF)
            case 0xF4: (length, secondLow, secondHigh) = (4, 0x80, 0x8F)
            default: return (index, .invalid(length: 1))
            }
            // Check the continuation bytes that are present; stop at the first bad one.
            var offset = 1
            while offset < length {
                guard index + offset < count else { return (index, .incomplete) }
                let byte = base[index + offset]
                let low = offset == 1 ? secondLow : 0x80
                let high = offset == 1 ? secondHigh : 0xBF
                guard byte >= low, byte <= high else { return (index, .invalid(length: offset)) }
                offset += 1
            }
            index += length
        }
        return nil
    }
}
