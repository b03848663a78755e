import Foundation

/// The XML parts of the workbook around the sheet's rows (ECMA-376, SpreadsheetML).
///
/// Element order inside a part follows the schema's sequence: Excel refuses a sheet whose
/// `pageSetup` comes before `pageMargins`, for example, where LibreOffice would not mind.
extension XLSXWriter {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The package's content types: the workbook, each sheet, the styles, the properties.
    func contentTypes() -> String {
        var text = XLSXWriter.declaration
        text += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        text += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        text += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        text += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        if sheets.contains(where: { $0.comments != nil }) {
            text += "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"
        }
        for number in 1...max(sheets.count, 1) {
            text += "<Override PartName=\"/xl/worksheets/sheet\(number).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        for (index, sheet) in sheets.enumerated() where sheet.comments != nil {
            text += "<Override PartName=\"/xl/comments\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>"
        }
        text += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        text += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return text + "</Types>"
    }

    static let packageRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let applicationProperties = declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>VoterRoll</Application></Properties>
        """

    /// The workbook's parts: its sheets (rId1…), then the styles.
    func workbookRelationships() -> String {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var text = XLSXWriter.declaration
        text += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for number in 1...max(sheets.count, 1) {
            text += "<Relationship Id=\"rId\(number)\" Type=\"\(type)/worksheet\" Target=\"worksheets/sheet\(number).xml\"/>"
        }
        text += "<Relationship Id=\"rId\(max(sheets.count, 1) + 1)\" Type=\"\(type)/styles\" Target=\"styles.xml\"/>"
        return text + "</Relationships>"
    }

    /// The cell formats, in `Style` order: plain, bold, boxed, boxed bold centred, the three
    /// severity fills (light enough to print and read through), a link.
    static let styles = declaration + """
        <styleSheet xmlns="\(mainNamespace)">\
        <fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>\
        <font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font>\
        <font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="宋体"/><charset val="134"/></font></fonts>\
        <fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFFFDDB0"/><bgColor indexed="64"/></patternFill></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFE4E4E4"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
        <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
        <alignment horizontal="center"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>\
        <xf numFmtId="49" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>\
        <xf numFmtId="49" fontId="0" fillId="4" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// The workbook: its sheets, and per sheet the names Excel uses for the filter range and
    /// the rows repeated on every printed page.
    func workbook() -> String {
        var list = ""
        var names = ""
        for (index, sheet) in sheets.enumerated() {
            list += "<sheet name=\"\(XLSXWriter.escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let lastColumn = CellAddress.letters(forColumn: max(sheet.widest, 1))
            if sheet.autoFilter {
                names += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                names += XLSXWriter.escaped("\(quoted)!$A$1:$\(lastColumn)$\(max(sheet.lastRow, 1))") + "</definedName>"
            }
            if print != nil {
                names += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
                names += XLSXWriter.escaped("\(quoted)!$1:$1") + "</definedName>"
            }
        }
        // Sorted by name, as Excel keeps them.
        for defined in definedNames.sorted(by: { $0.name < $1.name }) {
            names += "<definedName name=\"\(XLSXWriter.escaped(defined.name))\""
            if let sheet = defined.sheet { names += " localSheetId=\"\(sheet)\"" }
            names += ">" + XLSXWriter.escaped(defined.reference) + "</definedName>"
        }
        return XLSXWriter.declaration + """
            <workbook xmlns="\(XLSXWriter.mainNamespace)" xmlns:r="\(XLSXWriter.relationshipNamespace)">\
            <sheets>\(list)</sheets>\
            \(names.isEmpty ? "" : "<definedNames>\(names)</definedNames>")\
            </workbook>
            """
    }

    /// Everything before the first row: the frozen header row and the column widths.
    func sheetHeader(_ sheet: Sheet) -> String {
        var text = XLSXWriter.declaration
        text += "<worksheet xmlns=\"\(XLSXWriter.mainNamespace)\" xmlns:r=\"\(XLSXWriter.relationshipNamespace)\">"
        if print != nil { text += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        text += "<sheetViews><sheetView workbookViewId=\"0\"\(sheet === sheets.first ? " tabSelected=\"1\"" : "")>"
        if sheet.frozenHeader {
            text += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        }
        text += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = sheet.columnWidths.isEmpty ? sheet.fittedWidths.map { Double(max($0, 4) + 2) } : sheet.columnWidths
        if !widths.isEmpty {
            text += "<cols>"
            for (index, width) in widths.enumerated() {
                text += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            text += "</cols>"
        }
        return text + "<sheetData>"
    }

    /// Everything after a sheet's last row, around its links: filter; then margins, page setup,
    /// header and footer, and the comments' drawing.
    func sheetFooter(_ sheet: Sheet) -> (beforeLinks: String, afterLinks: String) {
        var before = "</sheetData>"
        if sheet.autoFilter {
            before += "<autoFilter ref=\"A1:\(CellAddress.letters(forColumn: max(sheet.widest, 1)))\(max(sheet.lastRow, 1))\"/>"
        }
        var text: String = ""
        if let print {
            text += "<pageMargins left=\"0.6\" right=\"0.6\" top=\"0.9\" bottom=\"0.8\" header=\"0.4\" footer=\"0.4\"/>"
            // A sheet's comments print on a page of their own after it.
            text += "<pageSetup paperSize=\"9\" orientation=\"\(print.landscape ? "landscape" : "portrait")\""
                + "\(sheet.comments != nil ? " cellComments=\"atEnd\"" : "") fitToWidth=\"1\" fitToHeight=\"0\"/>"
            // The size code comes before the font code: `&14` followed by a title starting with a
            // digit would read as a larger size (`&143`); after `&"-,Bold"` a digit is text.
            text += "<headerFooter><oddHeader>"
                + XLSXWriter.escaped("&C&14&\"-,Bold\"" + XLSXWriter.headerFooterText(print.title)) + "</oddHeader>"
            text += "<oddFooter>" + XLSXWriter.escaped("&C" + print.footer) + "</oddFooter></headerFooter>"
        }
        if sheet.comments != nil { text += "<legacyDrawing r:id=\"\(XLSXWriter.drawingRelationship)\"/>" }
        return (before, text + "</worksheet>")
    }

    /// A name Excel accepts for a sheet: at most 31 characters, none of `: \ / ? * [ ]`, not
    /// starting or ending with an apostrophe, not empty.
    static func sheetName(_ name: String) -> String {
        var characters = name.map { ":\\/?*[]".contains($0) || $0.isNewline ? "_" : $0 }
        while characters.first == "'" { characters.removeFirst() }
        while characters.last == "'" { characters.removeLast() }
        var result = ""
        for character in characters {
            guard result.utf16.count + String(character).utf16.count <= 31 else { break }
            result.append(character)
        }
        return result.isEmpty ? "Sheet1" : result
    }

    /// Text escaped for XML, with OOXML's `_xHHHH_` for characters XML 1.0 cannot hold (and
    /// for a carriage return, which XML parsers would turn into a line feed).
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text from data for a page header or footer, where `&` starts a code (`&P` the page,
    /// `&143` a font size, `&"Font"` a font): each `&` doubled, which Excel prints as one.
    static func headerFooterText(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            output.append(scalar)
            if scalar == "&" { output.append("&") }
        }
        return String(output)
    }

    /// The longest cell Excel accepts, in UTF-16 units.
    static let maximumCellLength = 32_767

    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        // Most cells need nothing done: no markup characters, controls, underscores or
        // U+FFFE/U+FFFF (whose UTF-8 starts EF BF), and short enough for Excel whatever
        // their UTF-16 length.
        let utf8 = text.utf8
        if utf8.count < maximumCellLength,
            !utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x5F || $0 == 0xEF })
        {
            output.append(contentsOf: utf8)
            return
        }
        var units = 0
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            units += scalar.utf16.count
            if units > maximumCellLength - 1 {
                output.append(contentsOf: "…".utf8)
                return
            }
            switch scalar.value {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A: output.append(UInt8(scalar.value))
            case 0x00...0x1F, 0xFFFE, 0xFFFF: appendHexEscape(scalar.value, to: &output)
            case 0x5F:
                // A literal `_x0041_` would read back as `A`: escape its underscore.
                if isHexEscape(scalars, at: index) {
                    appendHexEscape(0x5F, to: &output)
                } else {
                    output.append(0x5F)
                }
            default: UTF8.encode(scalar) { output.append($0) }
            }
            index = scalars.index(after: index)
        }
    }

    private static func appendHexEscape(_ value: UInt32, to output: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        output.append(contentsOf: "_x".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { output.append(hex[Int(value >> UInt32(shift) & 0xF)]) }
        output.append(0x5F)
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func isHexEscape(_ scalars: String.UnicodeScalarView, at index: String.UnicodeScalarView.Index) -> Bool {
        var position = index
        var count = 0
        var pattern: [Unicode.Scalar] = []
        while position < scalars.endIndex, count < 7 {
            pattern.append(scalars[position])
            position = scalars.index(after: position)
            count += 1
        }
        guard pattern.count == 7, pattern[1] == "x", pattern[6] == "_" else { return false }
        return pattern[2...5].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
