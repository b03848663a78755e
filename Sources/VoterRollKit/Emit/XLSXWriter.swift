import Foundation
internal import ZIPFoundation

/// Writes a one-sheet Excel workbook (.xlsx) that Excel, WPS and LibreOffice open.
///
/// Officers work in Excel/WPS, and an .xlsx keeps ID numbers as text where a CSV opened by
/// double-click turns them into numbers and loses digits. Cells are inline strings (no
/// shared-string table to hold in memory) or plain numbers, so a cell can never be a formula
/// and needs no CSV-style escaping.
///
/// Streaming: rows go to a spill file beside the output; `commit` zips it with the fixed parts
/// into a temporary file in the same folder and renames it into place, so a killed run leaves
/// the previous workbook as it was. Entries carry a fixed date, so the same rows give the
/// same bytes on every run.
final class XLSXWriter {
    /// One cell's value.
    enum Value: Sendable, Equatable {
        case text(String)
        case number(Int)
    }

    /// The look of a row: `plain` data, `header` (bold), and their boxed forms for a printed
    /// list (thin borders round every cell).
    enum Style: Int, Sendable {
        case plain = 0
        case header = 1
        case boxed = 2
        case boxedHeader = 3
    }

    /// Page setup for printing: A4 portrait, fitted to the page width, the first row repeated
    /// on every page, and a centred title above and page numbers below.
    struct Print: Sendable {
        var title: String
        /// The footer, with `&P` for the page number and `&N` for the page count.
        var footer: String
    }

    let path: String
    let sheetName: String
    let isPrivate: Bool
    let columnWidths: [Double]
    let print: Print?
    let autoFilter: Bool
    private let spillPath: String
    private var spill: UnsafeMutablePointer<FILE>?
    private var line: [UInt8] = []
    private(set) var rowCount = 0
    private(set) var widestRow = 0

    /// - Parameters:
    ///   - isPrivate: the workbook holds full ID numbers: created 0600.
    ///   - columnWidths: in Excel's character units, one per column.
    ///   - autoFilter: put Excel's filter buttons on the first row.
    init(
        path: String, sheetName: String, isPrivate: Bool, columnWidths: [Double], print: Print? = nil,
        autoFilter: Bool = false
    ) throws(OutputError) {
        self.path = path
        self.sheetName = XLSXWriter.sheetName(sheetName)
        self.isPrivate = isPrivate
        self.columnWidths = columnWidths
        self.print = print
        self.autoFilter = autoFilter
        let directory = (path as NSString).deletingLastPathComponent
        spillPath = (directory.isEmpty ? "." : directory) + "/.xlsx.spill-\(getpid())-\(XLSXWriter.nextSpill())"
        let descriptor = open(spillPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0, let opened = fdopen(descriptor, "w+") else {
            throw OutputError(path: spillPath, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        spill = opened
        line.reserveCapacity(1 << 12)
    }

    deinit {
        if let spill { fclose(spill) }
        unlink(spillPath)
    }

    /// Appends one row.
    func writeRow(_ values: [Value], style: Style = .plain) throws(OutputError) {
        rowCount += 1
        widestRow = max(widestRow, values.count)
        line.removeAll(keepingCapacity: true)
        let rowNumber = String(rowCount)
        line.append(contentsOf: "<row r=\"\(rowNumber)\">".utf8)
        let styleAttribute = style == .plain ? "" : " s=\"\(style.rawValue)\""
        for (index, value) in values.enumerated() {
            let reference = CellAddress.letters(forColumn: index + 1) + rowNumber
            switch value {
            case .text(let text):
                line.append(contentsOf: "<c r=\"\(reference)\"\(styleAttribute) t=\"inlineStr\"><is><t".utf8)
                if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
                    first.properties.isWhitespace || last.properties.isWhitespace
                {
                    line.append(contentsOf: " xml:space=\"preserve\"".utf8)
                }
                line.append(UInt8(ascii: ">"))
                XLSXWriter.appendEscaped(text, to: &line)
                line.append(contentsOf: "</t></is></c>".utf8)
            case .number(let number):
                line.append(contentsOf: "<c r=\"\(reference)\"\(styleAttribute)><v>\(number)</v></c>".utf8)
            }
        }
        line.append(contentsOf: "</row>".utf8)
        try writeSpill(line)
    }

    /// Zips the workbook into place.
    func commit() throws(OutputError) {
        try writeSpill(Array(sheetFooter().utf8))
        guard let spill, fflush(spill) == 0 else {
            throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        let sheetSize = Int64(ftello(spill))
        let temporaryPath = path + ".tmp-\(getpid())"
        unlink(temporaryPath)
        do {
            try XLSXWriter.createEmptyZIP(at: temporaryPath, isPrivate: isPrivate)
            try zip(to: temporaryPath, sheetSize: sheetSize)
        } catch let error as OutputError {
            unlink(temporaryPath)
            throw error
        } catch {
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot write the workbook: \(error)")
        }
        // On disk before it replaces the previous workbook, as AtomicFile does.
        let written = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        if written >= 0 {
            fsync(written)
            close(written)
        }
        fclose(spill)
        self.spill = nil
        unlink(spillPath)
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot move into place: \(reason)")
        }
    }

    // MARK: Parts

    private func zip(to temporaryPath: String, sheetSize: Int64) throws {
        // The archive is closed (and flushed) when it goes out of scope, before the rename.
        let archive = try Archive(url: URL(fileURLWithPath: temporaryPath), accessMode: .update)
        let fixedParts: [(String, String)] = [
            ("[Content_Types].xml", XLSXWriter.contentTypes),
            ("_rels/.rels", XLSXWriter.packageRelationships),
            ("docProps/app.xml", XLSXWriter.applicationProperties),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", XLSXWriter.workbookRelationships),
            ("xl/styles.xml", XLSXWriter.styles),
        ]
        for (name, text) in fixedParts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: XLSXWriter.entryDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let spill else { return }
        let header = Data(sheetHeader().utf8)
        let headerSize = Int64(header.count)
        var readBuffer = [UInt8](repeating: 0, count: 1 << 16)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: headerSize + sheetSize,
            modificationDate: XLSXWriter.entryDate, compressionMethod: .deflate, bufferSize: 1 << 16
        ) { position, size in
            var chunk = Data()
            var position = position
            var wanted = size
            if position < headerSize {
                let end = min(headerSize, position + Int64(wanted))
                chunk.append(header.subdata(in: Int(position)..<Int(end)))
                wanted -= Int(end - position)
                position = end
            }
            if wanted > 0 {
                if readBuffer.count < wanted { readBuffer = [UInt8](repeating: 0, count: wanted) }
                fseeko(spill, off_t(position - headerSize), SEEK_SET)
                let read = readBuffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, wanted, spill) }
                guard read == wanted else {
                    throw OutputError(path: self.spillPath, message: "the spill file was cut short")
                }
                chunk.append(contentsOf: readBuffer[0..<wanted])
            }
            return chunk
        }
    }

    private func writeSpill(_ bytes: [UInt8]) throws(OutputError) {
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        guard written == bytes.count else {
            throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// An empty ZIP (its end record only), created with the output's mode before anything is
    /// in it, for ZIPFoundation to open for update.
    private static func createEmptyZIP(at path: String, isPrivate: Bool) throws(OutputError) {
        let mode: mode_t = isPrivate ? 0o600 : 0o644
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        fchmod(descriptor, mode)
        var end: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        end += [UInt8](repeating: 0, count: 18)
        guard end.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == end.count else {
            throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// The date every entry carries: fixed, so that equal rows make equal files.
    private static let entryDate = Date(timeIntervalSince1970: 946_728_000)  // 2000-01-01 12:00 UTC

    nonisolated(unsafe) private static var spillCounter = 0
    private static let spillLock = NSLock()
    private static func nextSpill() -> Int {
        spillLock.lock()
        defer { spillLock.unlock() }
        spillCounter += 1
        return spillCounter
    }
}
