import Foundation

@testable import VoterRollKit

/// Builds `.xls` workbooks record by record ([MS-XLS] layouts), for tests of what LibreOffice
/// does not write: every record kind, BIFF5 with a code page, and damage of every sort.
enum XLSTestSupport {
    static func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
    static func f64(_ value: Double) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) } }

    static func record(_ type: Int, _ body: [UInt8]) -> [UInt8] { u16(type) + u16(body.count) + body }

    /// BOF: `kind` 0x0005 globals, 0x0010 worksheet, 0x0020 chart.
    static func bof(_ kind: Int, version: Int = 0x0600) -> [UInt8] {
        record(0x0809, u16(version) + u16(kind) + [UInt8](repeating: 0, count: version == 0x0600 ? 12 : 4))
    }

    static let eof = record(0x000A, [])

    /// A BIFF8 XLUnicodeString body: compressed when every character fits a byte.
    static func unicode(_ text: String, lengthBytes: Int = 2) -> [UInt8] {
        let units = Array(text.utf16)
        let count = lengthBytes == 2 ? u16(units.count) : [UInt8(units.count)]
        if units.allSatisfy({ $0 < 0x100 }) { return count + [0] + units.map { UInt8($0) } }
        return count + [1] + units.flatMap { u16(Int($0)) }
    }

    static func xf(format: Int) -> [UInt8] { record(0x00E0, u16(0) + u16(format) + [UInt8](repeating: 0, count: 16)) }
    static func format(_ id: Int, _ code: String) -> [UInt8] { record(0x041E, u16(id) + unicode(code)) }
    static func cell(_ row: Int, _ column: Int, xf: Int = 0) -> [UInt8] { u16(row) + u16(column) + u16(xf) }
    static func label(_ row: Int, _ column: Int, _ text: String, xf: Int = 0) -> [UInt8] { record(0x0204, cell(row, column, xf: xf) + unicode(text)) }
    static func labelSST(_ row: Int, _ column: Int, _ index: UInt32) -> [UInt8] { record(0x00FD, cell(row, column) + u32(index)) }
    static func number(_ row: Int, _ column: Int, _ value: Double, xf: Int = 0) -> [UInt8] { record(0x0203, cell(row, column, xf: xf) + f64(value)) }
    static func rk(_ row: Int, _ column: Int, _ raw: UInt32, xf: Int = 0) -> [UInt8] { record(0x027E, cell(row, column, xf: xf) + u32(raw)) }

    /// The workbook stream: the globals (BOUNDSHEETs pointing at the sheets added after them),
    /// then each sheet's BOF, records and EOF.
    static func stream(globals: [[UInt8]], sheets: [(name: String, kind: UInt8, records: [[UInt8]])], version: Int = 0x0600) -> [UInt8] {
        let head = bof(0x0005, version: version) + globals.flatMap { $0 }
        func boundsheet(_ offset: Int, _ sheet: (name: String, kind: UInt8, records: [[UInt8]])) -> [UInt8] {
            let name =
                version == 0x0600
                ? unicode(sheet.name, lengthBytes: 1)
                : [UInt8(gbk(sheet.name).count)] + gbk(sheet.name)
            return record(0x0085, u32(UInt32(offset)) + [0, sheet.kind] + name)
        }
        var offset = head.count + sheets.reduce(0) { $0 + boundsheet(0, $1).count } + eof.count
        var bodies: [UInt8] = []
        var sheetRecords: [UInt8] = []
        for sheet in sheets {
            sheetRecords += boundsheet(offset, sheet)
            let body = bof(sheet.kind == 2 ? 0x0020 : 0x0010, version: version) + sheet.records.flatMap { $0 } + eof
            bodies += body
            offset += body.count
        }
        return head + sheetRecords + eof + bodies
    }

    /// Text in GBK (GB18030), for BIFF5 workbooks.
    static func gbk(_ text: String) -> [UInt8] {
        (try? CharsetConverter(charset: "GB18030").encode(text)) ?? Array(text.utf8)
    }

    /// A compound file holding `stream` as `name`.
    static func file(_ stream: [UInt8], name: String = "Workbook") -> XLSCompoundFileWriter.Layout {
        XLSCompoundFileWriter.file(streams: [(name: name, bytes: stream)])
    }

    /// Every row of the workbook in `bytes`, read through `SpreadsheetInput.open` as a file.
    static func read(_ bytes: [UInt8], sheet: String? = nil) throws -> [SourceRow] {
        let path = try SpreadsheetTestSupport.write(bytes, name: "book.xls")
        return try SpreadsheetTestSupport.readAll(SpreadsheetInput.open(path: path, file: "book.xls", sheet: sheet))
    }
}
