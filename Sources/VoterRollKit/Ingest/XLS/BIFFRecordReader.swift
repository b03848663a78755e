/// Reads the BIFF records of a workbook stream one at a time: a 2-byte type, a 2-byte length and
/// that many bytes of body ([MS-XLS] 2.1.4).
///
/// The body is held in one buffer reused for every record (a record is at most 65,535 bytes), so
/// reading a sheet allocates nothing per record. One record can be put back (`unread`), for the
/// look-ahead that CONTINUE records need.
final class BIFFRecordReader {
    let stream: CompoundFileStream
    /// The record read last.
    private(set) var type: UInt16 = 0
    private(set) var length = 0
    /// The stream offset of the record's header (what BOUNDSHEET8's `lbPlyPos` points at).
    private(set) var offset = 0
    private let buffer: UnsafeMutableRawPointer
    private var putBack = false

    static let capacity = 65_536

    init(stream: CompoundFileStream) {
        self.stream = stream
        buffer = .allocate(byteCount: BIFFRecordReader.capacity, alignment: 8)
    }

    deinit {
        buffer.deallocate()
    }

    var file: String { stream.file }

    /// Reads the next record; false at the end of the stream.
    func next() throws(IngestError) -> Bool {
        if putBack {
            putBack = false
            return true
        }
        offset = stream.position
        var header: UInt32 = 0
        let count = try withUnsafeMutableBytes(of: &header) { (raw) throws(IngestError) -> Int in
            try stream.read(4, into: raw.baseAddress!)
        }
        // Writers pad the stream's last sector with zeros: a record of type 0 and length 0 there
        // is padding, not a record.
        guard count == 4, header != 0 else { return false }
        header = UInt32(littleEndian: header)
        type = UInt16(truncatingIfNeeded: header)
        length = Int(header >> 16)
        let read = try stream.read(length, into: buffer)
        guard read == length else {
            throw CompoundFile.damaged(
                file, "record \(BIFFRecordReader.describe(type)) at offset \(offset) of the \(stream.name) stream is cut short (\(read) of \(length) bytes)")
        }
        return true
    }

    /// Makes the next `next()` return the current record again.
    func unread() {
        putBack = true
    }

    /// The current record's body.
    var body: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer, count: length) }

    @inline(__always)
    func u8(_ at: Int) -> UInt8 {
        at < length ? buffer.load(fromByteOffset: at, as: UInt8.self) : 0
    }

    @inline(__always)
    func u16(_ at: Int) -> UInt16 {
        at + 2 <= length ? UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt16.self)) : 0
    }

    @inline(__always)
    func u32(_ at: Int) -> UInt32 {
        at + 4 <= length ? UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self)) : 0
    }

    @inline(__always)
    func f64(_ at: Int) -> Double {
        at + 8 <= length ? Double(bitPattern: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt64.self))) : 0
    }

    /// Throws unless the current record is at least `count` bytes long.
    @inline(__always)
    func require(_ count: Int) throws(IngestError) {
        guard length >= count else {
            throw CompoundFile.damaged(
                file, "record \(BIFFRecordReader.describe(type)) at offset \(offset) of the \(stream.name) stream has \(length) bytes, fewer than the \(count) it needs")
        }
    }

    /// A record type as a person can look it up: `0x0204 (LABEL)`.
    static func describe(_ type: UInt16) -> String {
        let hex = String(type, radix: 16, uppercase: true)
        let code = "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return names[type].map { "\(code) (\($0))" } ?? code
    }

    private static let names: [UInt16: String] = [
        0x0809: "BOF", 0x000A: "EOF", 0x0085: "BOUNDSHEET", 0x00FC: "SST", 0x003C: "CONTINUE", 0x00FD: "LABELSST",
        0x0204: "LABEL", 0x00D6: "RSTRING", 0x0203: "NUMBER", 0x027E: "RK", 0x00BD: "MULRK", 0x0205: "BOOLERR",
        0x0006: "FORMULA", 0x0207: "STRING", 0x0201: "BLANK", 0x00BE: "MULBLANK", 0x0022: "DATEMODE", 0x00E0: "XF",
        0x041E: "FORMAT", 0x0042: "CODEPAGE", 0x002F: "FILEPASS", 0x0001: "BIFF2 BLANK", 0x0002: "BIFF2 INTEGER",
        0x0003: "BIFF2 NUMBER", 0x0004: "BIFF2 LABEL", 0x0005: "BIFF2 BOOLERR", 0x0007: "BIFF2 STRING",
        0x0009: "BIFF2 BOF", 0x0209: "BIFF3 BOF", 0x0409: "BIFF4 BOF", 0x0206: "BIFF3 FORMULA", 0x0406: "BIFF4 FORMULA",
    ]
}
