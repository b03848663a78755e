#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An OLE2 compound file ([MS-CFB]), the container of `.xls` and WPS `.et` workbooks: a small
/// FAT file system of 512- or 4096-byte sectors in one file.
///
/// The file is mapped, not read: a stream is followed sector by sector as it is read, so memory
/// does not grow with the file. Every number the file gives (sector counts, chain links,
/// directory links, stream sizes) is checked against the file's own size before it is used, and
/// every chain is followed with a bit per sector so that a loop is named rather than followed
/// forever.
final class CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// One entry of the directory that the workbook reader may open.
    struct Entry {
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var start: UInt32
        var size: Int
    }

    let file: String
    private let map: MappedFile
    let sectorShift: Int
    var sectorSize: Int { 1 << sectorShift }
    /// Whole or partial sectors after the header.
    let sectorCount: Int
    private let miniCutoff: Int
    private let miniFATStart: UInt32
    private let miniFATSectors: Int
    /// The sectors holding the FAT, in order.
    private var fatSectors: [UInt32] = []
    /// The entries directly inside the root storage, and the root itself (its stream is the
    /// mini stream).
    private(set) var rootChildren: [Entry] = []
    private var root: Entry?

    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    static let noStream: UInt32 = 0xFFFF_FFFF
    /// More directory entries than this is no workbook (Excel writes a few dozen).
    static let maxEntries = 1 << 20

    init(path: String, file: String) throws(IngestError) {
        self.file = file
        map = try MappedFile(path: path, file: file)
        guard map.size >= 512, map.bytes(0, 8).elementsEqual(CompoundFile.signature) else {
            throw CompoundFile.damaged(file, "it is shorter than the 512-byte header of an Excel 97-2003 file or lacks its signature")
        }
        let major = map.u16(26)
        let shift = Int(map.u16(30))
        guard map.u16(28) == 0xFFFE, (major == 3 && shift == 9) || (major == 4 && shift == 12), map.u16(32) == 6 else {
            throw CompoundFile.damaged(file, "its header names version \(major) with \(shift < 31 ? 1 << shift : 0)-byte sectors, which no Office program writes")
        }
        sectorShift = shift
        sectorCount = (map.size - (1 << shift) + (1 << shift) - 1) >> shift
        let fatCount = Int(map.u32(44))
        let directoryStart = map.u32(48)
        miniCutoff = Int(map.u32(56))
        miniFATStart = map.u32(60)
        miniFATSectors = Int(map.u32(64))
        let difatStart = map.u32(68)
        let difatCount = Int(map.u32(72))
        guard fatCount >= 1, fatCount <= sectorCount, difatCount <= sectorCount, miniFATSectors <= sectorCount else {
            throw CompoundFile.damaged(file, "its header declares \(fatCount) FAT sectors and \(difatCount) DIFAT sectors in a file of \(sectorCount) sectors")
        }
        try readFATSectors(count: fatCount, difatStart: difatStart, difatCount: difatCount)
        try readDirectory(start: directoryStart)
    }

    // MARK: Sectors

    /// The file offset of a sector, checked to lie wholly (`length` bytes) inside the file.
    @inline(__always)
    func offset(ofSector sector: UInt32, length: Int) throws(IngestError) -> Int {
        let start = (Int(sector) + 1) << sectorShift
        guard sector <= CompoundFile.maxRegularSector, start + length <= map.size else {
            throw CompoundFile.damaged(file, "a sector chain points at sector \(sector), past the end of the file (it is cut short?)")
        }
        return start
    }

    /// The sector after `sector` in its chain (the FAT's entry for it).
    func nextSector(after sector: UInt32) throws(IngestError) -> UInt32 {
        let perSector = sectorSize / 4
        let index = Int(sector) / perSector
        guard index < fatSectors.count else {
            throw CompoundFile.damaged(file, "sector \(sector) lies beyond what the FAT describes")
        }
        let base = try offset(ofSector: fatSectors[index], length: sectorSize)
        return map.u32(base + (Int(sector) % perSector) * 4)
    }

    /// Copies `count` bytes at file offset `offset` (already checked) to `destination`.
    @inline(__always)
    func copy(from offset: Int, count: Int, to destination: UnsafeMutableRawPointer) {
        map.copy(from: offset, count: count, to: destination)
    }

    /// Follows a whole chain of regular sectors (the directory, the mini FAT, the mini stream).
    func chain(from start: UInt32, what: String) throws(IngestError) -> [UInt32] {
        var walker = ChainWalker(sectorCount: sectorCount)
        var sectors: [UInt32] = []
        var sector = start
        while sector != CompoundFile.endOfChain {
            try walker.visit(sector, file: file, what: what)
            sectors.append(sector)
            sector = try nextSector(after: sector)
        }
        return sectors
    }

    private func readFATSectors(count: Int, difatStart: UInt32, difatCount: Int) throws(IngestError) {
        fatSectors.reserveCapacity(count)
        for index in 0..<min(count, 109) {
            fatSectors.append(map.u32(76 + index * 4))
        }
        var walker = ChainWalker(sectorCount: sectorCount)
        var sector = difatStart
        var read = 0
        let perSector = sectorSize / 4 - 1
        while fatSectors.count < count {
            guard read < difatCount, sector != CompoundFile.endOfChain else {
                throw CompoundFile.damaged(file, "its DIFAT lists \(fatSectors.count) of the \(count) FAT sectors it declares")
            }
            try walker.visit(sector, file: file, what: "the DIFAT")
            let base = try offset(ofSector: sector, length: sectorSize)
            for index in 0..<perSector where fatSectors.count < count {
                fatSectors.append(map.u32(base + index * 4))
            }
            sector = map.u32(base + perSector * 4)
            read += 1
        }
    }

    // MARK: Directory

    private func readDirectory(start: UInt32) throws(IngestError) {
        let sectors = try chain(from: start, what: "the directory")
        let perSector = sectorSize / 128
        let total = min(sectors.count * perSector, CompoundFile.maxEntries)
        func entry(_ id: UInt32) throws(IngestError) -> (Entry, left: UInt32, right: UInt32, child: UInt32)? {
            guard Int(id) < total else { return nil }
            let base = try offset(ofSector: sectors[Int(id) / perSector], length: sectorSize) + (Int(id) % perSector) * 128
            let nameBytes = min(Int(map.u16(base + 64)), 64)
            var units: [UInt16] = []
            for index in 0..<max(0, nameBytes / 2 - 1) { units.append(map.u16(base + index * 2)) }
            let type = map.bytes(base + 66, 1)[0]
            var size = Int(map.u32(base + 120))
            // Version 3 files may leave garbage in the high half; version 4 sizes are 64-bit.
            if sectorShift == 12 { size |= Int(map.u32(base + 124) & 0x7FFF_FFFF) << 32 }
            let entry = Entry(name: String(decoding: units, as: UTF16.self), type: type, start: map.u32(base + 116), size: size)
            return (entry, map.u32(base + 68), map.u32(base + 72), map.u32(base + 76))
        }
        guard let (rootEntry, _, _, firstChild) = try entry(0), rootEntry.type == 5 else {
            throw CompoundFile.damaged(file, "its directory does not start with the root entry")
        }
        root = rootEntry
        // The root's children form a tree through left and right links; each entry is visited
        // once, so a link back to an entry already seen is a loop in the directory.
        var seen = Set<UInt32>()
        var pending = [firstChild]
        while let id = pending.popLast() {
            guard id != CompoundFile.noStream else { continue }
            guard seen.insert(id).inserted else {
                throw CompoundFile.damaged(file, "its directory links back to entry \(id) (a loop)")
            }
            guard let (child, left, right, _) = try entry(id) else {
                throw CompoundFile.damaged(file, "its directory links to entry \(id), but it has \(total)")
            }
            rootChildren.append(child)
            pending.append(right)
            pending.append(left)
        }
    }

    /// The stream directly in the root named `name` (ignoring case, as Office does).
    func stream(named name: String) -> Entry? {
        let wanted = name.lowercased()
        return rootChildren.first { $0.type == 2 && $0.name.lowercased() == wanted }
    }

    /// Opens a stream for reading from its start.
    func open(_ entry: Entry) throws(IngestError) -> CompoundFileStream {
        guard entry.size <= sectorCount << sectorShift else {
            // A stream a little larger than the file is a file cut short; one of a gigabyte or
            // more in a smaller file is a forged size.
            guard entry.size >= 1 << 30 else {
                throw CompoundFile.damaged(file, "it is cut short: its \(entry.name) stream declares \(entry.size) bytes in a file of \(map.size)")
            }
            throw IngestError(
                .tooLarge, file: file,
                message: "its \(entry.name) stream declares \(entry.size) bytes in a file of \(map.size), which no workbook does; the file is damaged or forged")
        }
        if entry.size >= miniCutoff {
            return CompoundFileStream(container: self, start: entry.start, size: entry.size, name: entry.name)
        }
        return CompoundFileStream(bytes: try miniStreamBytes(entry), name: entry.name, file: file)
    }

    /// A small stream's bytes, gathered from the mini stream (at most `miniCutoff` of them).
    private func miniStreamBytes(_ entry: Entry) throws(IngestError) -> [UInt8] {
        guard let root, entry.size > 0 else { return [] }
        let container = try chain(from: root.start, what: "the mini stream")
        let miniFAT = try chain(from: miniFATStart, what: "the mini FAT")
        let perSector = sectorSize / 4
        let miniPerSector = sectorSize / 64
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.size)
        var walker = ChainWalker(sectorCount: container.count * miniPerSector)
        var mini = entry.start
        while bytes.count < entry.size {
            guard mini != CompoundFile.endOfChain else {
                throw CompoundFile.damaged(file, "its \(entry.name) stream ends before its declared \(entry.size) bytes")
            }
            try walker.visit(mini, file: file, what: "the \(entry.name) stream")
            let base = try offset(ofSector: container[Int(mini) / miniPerSector], length: sectorSize) + (Int(mini) % miniPerSector) * 64
            bytes.append(contentsOf: map.bytes(base, min(64, entry.size - bytes.count)))
            guard Int(mini) / perSector < miniFAT.count else {
                throw CompoundFile.damaged(file, "mini sector \(mini) lies beyond what the mini FAT describes")
            }
            mini = map.u32(try offset(ofSector: miniFAT[Int(mini) / perSector], length: sectorSize) + (Int(mini) % perSector) * 4)
        }
        return bytes
    }

    static func damaged(_ file: String, _ detail: String) -> IngestError {
        IngestError(
            .malformed, file: file,
            message: "is an Excel 97-2003 file (.xls) that cannot be read: \(detail); open it in Excel or WPS and save it again (as .xlsx if it still fails)")
    }
}

/// Remembers the sectors a chain has passed through, so that a chain that comes back to one is
/// reported instead of followed forever.
struct ChainWalker {
    private var seen: [UInt64]
    private let count: Int

    init(sectorCount: Int) {
        count = sectorCount
        seen = Array(repeating: 0, count: (sectorCount + 63) / 64)
    }

    mutating func visit(_ sector: UInt32, file: String, what: String) throws(IngestError) {
        let index = Int(sector)
        guard sector <= CompoundFile.maxRegularSector, index < count else {
            throw CompoundFile.damaged(file, "\(what) points at sector \(sector), beyond the \(count) there are (is the file cut short?)")
        }
        let bit: UInt64 = 1 << UInt64(index & 63)
        guard seen[index >> 6] & bit == 0 else {
            throw CompoundFile.damaged(file, "\(what) comes back to sector \(sector) (a loop)")
        }
        seen[index >> 6] |= bit
    }
}

/// A file mapped read-only into memory, unmapped in `deinit`; reads are bounds-checked by the
/// caller (`CompoundFile.offset`) or here.
final class MappedFile {
    private let base: UnsafeRawPointer?
    let size: Int

    init(path: String, file: String) throws(IngestError) {
        let source = try ByteFile(path: path, file: file)
        size = source.size
        guard size > 0 else {
            base = nil
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IngestError(.unreadable, file: file, message: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw IngestError(.unreadable, file: file, message: "cannot be mapped into memory (\(String(cString: strerror(errno))))")
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// Little-endian integers; an offset past the end reads as 0 (callers check offsets first).
    @inline(__always)
    func u16(_ offset: Int) -> UInt16 {
        guard let base, offset >= 0, offset + 2 <= size else { return 0 }
        return UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 {
        guard let base, offset >= 0, offset + 4 <= size else { return 0 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func bytes(_ offset: Int, _ count: Int) -> [UInt8] {
        guard let base, offset >= 0, count >= 0, offset + count <= size else { return Array(repeating: 0, count: max(count, 0)) }
        return Array(UnsafeRawBufferPointer(start: base + offset, count: count))
    }

    @inline(__always)
    func copy(from offset: Int, count: Int, to destination: UnsafeMutableRawPointer) {
        guard let base, offset >= 0, count > 0, offset + count <= size else { return }
        destination.copyMemory(from: base + offset, byteCount: count)
    }
}
