/// The workbook's shared string table (SST), which LABELSST cells point at by index.
///
/// Held the way `XLSXSharedStrings` holds its table, and for the same reason: one UTF-8 buffer
/// and an end offset per string, about the text plus 4 bytes a string. This is the only part of
/// an `.xls` whose memory grows with the file.
struct XLSSharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    /// The string at a 0-based index, its first `maxBytes` bytes at most; nil when there is none.
    func string(at index: Int, maxBytes: Int = .max) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index]) - start > maxBytes ? start + maxBytes : Int(ends[index])
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// The length in bytes of UTF-8 of the string at a 0-based index; nil when there is none.
    func byteCount(at index: Int) -> Int? {
        guard index >= 0, index < ends.count else { return nil }
        return Int(ends[index]) - (index == 0 ? 0 : Int(ends[index - 1]))
    }

    /// Reads the SST record (the reader's current record) and its CONTINUEs ([MS-XLS] 2.4.265):
    /// the declared count of strings, then each string with its rich-text runs and phonetic
    /// data skipped. The declared count is a claim, not a size: strings are read while there are
    /// bytes, so a forged count costs nothing.
    static func read(_ reader: BIFFRecordReader) throws(IngestError) -> XLSSharedStrings {
        let recordOffset = reader.offset
        var source = try BIFFContinuedBytes(reader)
        var strings = XLSSharedStrings()
        guard source.u32() != nil, let declared = source.u32() else { return strings }
        strings.ends.reserveCapacity(min(Int(declared), source.remaining / 3))
        strings.bytes.reserveCapacity(source.remaining)
        while strings.ends.count < Int(declared), source.remaining > 0 {
            guard let count = source.u16(), let flags = source.u8() else { break }
            let runs = flags & 0x08 != 0 ? Int(source.u16() ?? 0) : 0
            let phonetic = flags & 0x04 != 0 ? Int(source.u32() ?? 0) : 0
            guard source.characters(Int(count), flags: flags, to: &strings.bytes),
                source.skip(runs * 4), source.skip(phonetic)
            else {
                throw CompoundFile.damaged(
                    reader.file, "its shared string table (SST at offset \(recordOffset)) ends inside string \(strings.ends.count + 1) of the \(declared) it declares")
            }
            guard let end = UInt32(exactly: strings.bytes.count) else {
                throw IngestError(.tooLarge, file: reader.file, message: "its shared strings hold more than 4 GiB of text, which no register needs; check the file")
            }
            strings.ends.append(end)
        }
        return strings
    }
}
