/// Writes minimal OLE2 compound files ([MS-CFB] version 3, 512-byte sectors) around given
/// streams, for the `xls` fuzz target (a BIFF stream made into a valid file, so the fuzzer
/// reaches the records) and for the tests that build `.xls` files record by record (linked into
/// Tests/VoterRollKitTests/Ingest as XLSCompoundFileWriter.swift).
///
/// The layout is fixed so that a test can damage one part on purpose: the header, then the FAT
/// sectors, the directory sectors, and each stream's sectors in turn.
public enum XLSCompoundFileWriter {
    public struct Layout: Sendable {
        public var bytes: [UInt8]
        /// The first sector of each stream, in the order given.
        public var streamStarts: [UInt32]
        /// The first directory sector.
        public var directoryStart: UInt32

        /// The file offset of a sector.
        public static func offset(ofSector sector: UInt32) -> Int { (Int(sector) + 1) * 512 }

        /// The file offset of the FAT entry of a sector (the FAT starts at sector 0).
        public static func fatEntryOffset(of sector: UInt32) -> Int { offset(ofSector: 0) + Int(sector) * 4 }

        /// The file offset of directory entry `id`.
        public func directoryEntryOffset(_ id: Int) -> Int { Layout.offset(ofSector: directoryStart) + id * 128 }
    }

    /// A compound file holding `streams` in its root storage. With the mini-stream cutoff at 0
    /// every stream is in regular sectors.
    public static func file(streams: [(name: String, bytes: [UInt8])], miniCutoff: UInt32 = 0) -> Layout {
        let entries = streams.count + 1
        let directorySectors = (entries + 3) / 4
        let dataSectors = streams.map { ($0.bytes.count + 511) / 512 }
        var fatSectors = 1
        while fatSectors * 128 < fatSectors + directorySectors + dataSectors.reduce(0, +) { fatSectors += 1 }
        let total = fatSectors + directorySectors + dataSectors.reduce(0, +)
        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: fatSectors * 128)
        for index in 0..<fatSectors { fat[index] = 0xFFFF_FFFD }
        func chain(_ start: Int, _ count: Int) {
            for index in 0..<count { fat[start + index] = index == count - 1 ? 0xFFFF_FFFE : UInt32(start + index + 1) }
        }
        chain(fatSectors, directorySectors)
        var starts: [UInt32] = []
        var next = fatSectors + directorySectors
        for count in dataSectors {
            starts.append(count == 0 ? 0xFFFF_FFFE : UInt32(next))
            chain(next, count)
            next += count
        }
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put16(0x003E, at: 24, in: &header)
        put16(3, at: 26, in: &header)
        put16(0xFFFE, at: 28, in: &header)
        put16(9, at: 30, in: &header)
        put16(6, at: 32, in: &header)
        put32(UInt32(fatSectors), at: 44, in: &header)
        put32(UInt32(fatSectors), at: 48, in: &header)
        put32(miniCutoff, at: 56, in: &header)
        put32(0xFFFF_FFFE, at: 60, in: &header)
        put32(0xFFFF_FFFE, at: 68, in: &header)
        for index in 0..<109 { put32(index < fatSectors ? UInt32(index) : 0xFFFF_FFFF, at: 76 + index * 4, in: &header) }
        var bytes = header
        for value in fat { bytes += le32(value) }
        var directory = entry(name: "Root Entry", type: 5, child: streams.isEmpty ? 0xFFFF_FFFF : 1, right: 0xFFFF_FFFF, start: 0xFFFF_FFFE, size: 0)
        for (index, stream) in streams.enumerated() {
            let right: UInt32 = index + 2 <= streams.count ? UInt32(index + 2) : 0xFFFF_FFFF
            directory += entry(name: stream.name, type: 2, child: 0xFFFF_FFFF, right: right, start: starts[index], size: UInt32(stream.bytes.count))
        }
        directory += [UInt8](repeating: 0, count: directorySectors * 512 - directory.count)
        bytes += directory
        for stream in streams {
            bytes += stream.bytes + [UInt8](repeating: 0, count: (512 - stream.bytes.count % 512) % 512)
        }
        precondition(bytes.count == 512 * (total + 1))
        return Layout(bytes: bytes, streamStarts: starts, directoryStart: UInt32(fatSectors))
    }

    private static func entry(name: String, type: UInt8, child: UInt32, right: UInt32, start: UInt32, size: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 128)
        let units = Array(name.utf16.prefix(31))
        for (index, unit) in units.enumerated() { put16(unit, at: index * 2, in: &bytes) }
        put16(UInt16(units.count * 2 + 2), at: 64, in: &bytes)
        bytes[66] = type
        bytes[67] = 1
        put32(0xFFFF_FFFF, at: 68, in: &bytes)
        put32(right, at: 72, in: &bytes)
        put32(child, at: 76, in: &bytes)
        put32(start, at: 116, in: &bytes)
        put32(size, at: 120, in: &bytes)
        return bytes
    }

    public static func put16(_ value: UInt16, at offset: Int, in bytes: inout [UInt8]) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    public static func put32(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }
}
