/// One stream of a compound file, read from start to end: a regular stream sector by sector
/// through the FAT (each sector visited once, so a loop is reported), a small one from the bytes
/// gathered out of the mini stream.
final class CompoundFileStream {
    let name: String
    let file: String
    /// The declared size; reading stops there.
    let size: Int
    /// Bytes read so far: the stream offset of the next byte.
    private(set) var position = 0

    private let container: CompoundFile?
    private let small: [UInt8]
    private var sector: UInt32
    private var walker: ChainWalker
    /// Bytes of the current sector still unread, and where they start in the file.
    private var sectorLeft = 0
    private var sectorOffset = 0

    init(container: CompoundFile, start: UInt32, size: Int, name: String) {
        self.container = container
        self.name = name
        file = container.file
        self.size = size
        small = []
        sector = start
        walker = ChainWalker(sectorCount: container.sectorCount)
    }

    init(bytes: [UInt8], name: String, file: String) {
        container = nil
        self.name = name
        self.file = file
        size = bytes.count
        small = bytes
        sector = CompoundFile.endOfChain
        walker = ChainWalker(sectorCount: 0)
    }

    /// Copies up to `count` bytes to `destination`; returns how many (fewer only at the end).
    func read(_ count: Int, into destination: UnsafeMutableRawPointer) throws(IngestError) -> Int {
        let wanted = min(count, size - position)
        guard wanted > 0 else { return 0 }
        guard let container else {
            small.withUnsafeBytes { source in
                if let base = source.baseAddress { destination.copyMemory(from: base + position, byteCount: wanted) }
            }
            position += wanted
            return wanted
        }
        var done = 0
        while done < wanted {
            if sectorLeft == 0 { try advance(container) }
            let take = min(sectorLeft, wanted - done)
            container.copy(from: sectorOffset, count: take, to: destination + done)
            sectorOffset += take
            sectorLeft -= take
            done += take
            position += take
        }
        return done
    }

    /// Moves to the next sector of the chain.
    private func advance(_ container: CompoundFile) throws(IngestError) {
        if position > 0 { sector = try container.nextSector(after: sector) }
        guard sector != CompoundFile.endOfChain else {
            throw CompoundFile.damaged(file, "its \(name) stream ends after \(position) of its declared \(size) bytes")
        }
        try walker.visit(sector, file: file, what: "the \(name) stream")
        let length = min(container.sectorSize, size - position)
        sectorOffset = try container.offset(ofSector: sector, length: length)
        sectorLeft = length
    }
}
