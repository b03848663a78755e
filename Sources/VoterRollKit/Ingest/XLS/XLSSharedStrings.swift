/// The workbook's shared string table (SST), which LABELSST cells point at by index: held in
/// the storage XLSX's shared strings use (one UTF-8 buffer and an end offset per string, about
/// the text plus 4 bytes a string). This is the only part of an `.xls` whose memory grows with
/// the file.
extension XLSXSharedStrings {
    /// Reads the SST record (the reader's current record) and its CONTINUEs ([MS-XLS] 2.4.265):
    /// the declared count of strings, then each string with its rich-text runs and phonetic
    /// data skipped. The declared count is a claim, not a size: strings are read while there are
    /// bytes, so a forged count costs nothing.
    static func read(_ reader: BIFFRecordReader) throws(IngestError) -> XLSXSharedStrings {
        let recordOffset = reader.offset
        var source = try BIFFContinuedBytes(reader)
        var strings = XLSXSharedStrings()
        guard source.u32() != nil, let declared = source.u32() else { return strings }
        strings.reserve(strings: min(Int(declared), source.remaining / 3), bytes: source.remaining)
        while strings.count < Int(declared), source.remaining > 0 {
            guard let count = source.u16(), let flags = source.u8() else { break }
            let runs = flags & 0x08 != 0 ? Int(source.u16() ?? 0) : 0
            let phonetic = flags & 0x04 != 0 ? Int(source.u32() ?? 0) : 0
            guard source.characters(Int(count), flags: flags, to: &strings.bytes),
                source.skip(runs * 4), source.skip(phonetic)
            else {
                throw CompoundFile.damaged(
                    reader.file, "its shared string table (SST at offset \(recordOffset)) ends inside string \(strings.count + 1) of the \(declared) it declares")
            }
            try strings.endString(file: reader.file)
        }
        return strings
    }
}
