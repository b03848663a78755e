/// Which cell styles show numbers as dates.
///
/// An XLSX date is a plain number (days since 1900 or 1904); only the number format of the cell's
/// style (`s="2"` → `cellXfs` entry 2 → `numFmtId`) says it is a date. Without this, a birth date
/// reads as `32939`.
struct XLSXStyles {
    /// For each `cellXfs` entry: whether its number format is a date or time.
    private var dateStyles: [Bool] = []

    /// Whether the cell style at `index` (a cell's `s`) formats numbers as dates.
    func isDate(_ index: Int) -> Bool {
        index >= 0 && index < dateStyles.count && dateStyles[index]
    }

    /// Reads `styles.xml`: custom `<numFmt>`s and the `<cellXfs>` entries that use them.
    static func read(_ reader: XLSXPart) throws(IngestError) -> XLSXStyles {
        let xml = reader.xml
        var customFormats: [Int: Bool] = [:]
        var cellFormats: [Int] = []
        var inCellXfs = false
        while let type = try reader.next() {
            switch type {
            case 1:
                if xml.localNameIs("numFmt") {
                    if let id = xml.attribute("numFmtId").flatMap({ Int($0) }) {
                        customFormats[id] = isDateFormat(xml.attribute("formatCode") ?? "")
                    }
                } else if xml.localNameIs("cellXfs") {
                    inCellXfs = !xml.isEmptyElement
                } else if inCellXfs, xml.localNameIs("xf") {
                    cellFormats.append(xml.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                }
            case 15:
                if xml.localNameIs("cellXfs") { inCellXfs = false }
            default:
                continue
            }
        }
        var styles = XLSXStyles()
        // A <numFmt> may redefine a built-in id; what the file says wins.
        styles.dateStyles = cellFormats.map { customFormats[$0] ?? isBuiltInDate($0) }
        return styles
    }

    /// The built-in number formats that are dates or times.
    ///
    /// 14–22 and 45–47 everywhere; 27–36 and 50–58 are the East Asian date formats that Chinese
    /// Excel and WPS use without writing them out (27 `yyyy"年"m"月"`, 31 `yyyy"年"m"月"d"日"`…).
    static func isBuiltInDate(_ id: Int) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: true
        default: false
        }
    }

    /// Whether a format code shows a date or time: it has a date or time letter (y m d h s,
    /// either case) outside quoted text, `[…]` sections (colours, locales, conditions),
    /// `\`-escaped characters and `_`/`*` padding.
    ///
    /// `yyyy\-mm\-dd` and `[$-804]yyyy"年"m"月"d"日"` are dates; `0.00E+00`, `#,##0 "元"`,
    /// `[Red]0.00` and `General` are not.
    static func isDateFormat(_ code: String) -> Bool {
        var bytes = Array(code.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\""):
                while let next = bytes.popFirst(), next != UInt8(ascii: "\"") {}
            case UInt8(ascii: "["):
                while let next = bytes.popFirst(), next != UInt8(ascii: "]") {}
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                _ = bytes.popFirst()
            case UInt8(ascii: "G"), UInt8(ascii: "g"):
                // "General" is the only word a number format has; skip the rest of it.
                if bytes.prefix(6).map({ $0 | 0x20 }) == Array("eneral".utf8) { bytes = bytes.dropFirst(6) }
            default:
                switch byte | 0x20 {
                case UInt8(ascii: "y"), UInt8(ascii: "m"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return true
                default:
                    continue
                }
            }
        }
        return false
    }
}
