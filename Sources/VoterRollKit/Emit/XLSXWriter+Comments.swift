import Foundation
internal import ZIPFoundation

/// Cell comments (批注), links to cells and defined names: what a workbook that points a
/// person at cells needs besides its rows (ECMA-376 Part 1, 18.7 comments, 18.3.1.47
/// hyperlink; the comments' shapes in VML, Part 4, which Excel and LibreOffice both need
/// to show a comment).
///
/// Comments and links are set aside in spill files as they are added, as rows are, so a sheet
/// with many comments costs no memory.
extension XLSXWriter {
    /// A name the workbook defines: `reference` (`'问题清单'!$A$1`) on one sheet (its index)
    /// or the whole workbook.
    struct DefinedName: Sendable, Equatable {
        var name: String
        var sheet: Int?
        var reference: String
    }

    /// The sheet's relationship to its comments' drawing (`<legacyDrawing r:id=…>`).
    static let drawingRelationship = "rId1"
    private static let commentsRelationship = "rId2"

    private var spillFolder: String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Adds a comment on a cell of the current sheet (1-based row and column), shown when the
    /// pointer rests on the cell.
    func addComment(row: Int, column: Int, text: String) throws(OutputError) {
        guard let sheet = currentSheet else { return }
        if sheet.comments == nil {
            sheet.comments = try Spill(directory: spillFolder, name: "xlsx-comments")
            sheet.shapes = try Spill(directory: spillFolder, name: "xlsx-shapes")
        }
        var bytes: [UInt8] = []
        bytes.append(contentsOf: "<comment ref=\"\(CellAddress.letters(forColumn: column))\(row)\" authorId=\"0\"><text><t xml:space=\"preserve\">".utf8)
        XLSXWriter.appendEscaped(text, to: &bytes)
        bytes.append(contentsOf: "</t></text></comment>".utf8)
        try sheet.comments?.write(bytes)

        // Shapes are numbered across the workbook from 1025, as Excel numbers them; the sheet's
        // drawing claims the blocks of 1024 its numbers fall in (`o:idmap`).
        shapeCount += 1
        let shape = 1024 + shapeCount
        sheet.shapeRange = (sheet.shapeRange?.lowerBound ?? shape)...shape
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let (zeroRow, zeroColumn) = (row - 1, column - 1)
        let shapeXML =
            "<v:shape id=\"_x0000_s\(shape)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;"
            + "width:260pt;height:\(max(4, lines + 1) * 14)pt;z-index:\(shapeCount);visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
            + "<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
            + "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
            + "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
            + "<x:Anchor>\(zeroColumn + 1), 15, \(max(zeroRow - 1, 0)), 2, \(zeroColumn + 5), 15, \(zeroRow + max(4, lines + 1)), 16</x:Anchor>"
            + "<x:AutoFill>False</x:AutoFill><x:Row>\(zeroRow)</x:Row><x:Column>\(zeroColumn)</x:Column></x:ClientData></v:shape>"
        try sheet.shapes?.write(shapeXML.utf8)
    }

    /// Adds a link on a cell of the current sheet to `location` in this workbook
    /// (`'第二选区'!H24`).
    func addLink(row: Int, column: Int, location: String) throws(OutputError) {
        guard let sheet = currentSheet else { return }
        if sheet.links == nil { sheet.links = try Spill(directory: spillFolder, name: "xlsx-links") }
        var bytes: [UInt8] = []
        bytes.append(contentsOf: "<hyperlink ref=\"\(CellAddress.letters(forColumn: column))\(row)\" location=\"".utf8)
        XLSXWriter.appendEscaped(location, to: &bytes)
        bytes.append(contentsOf: "\"/>".utf8)
        try sheet.links?.write(bytes)
    }

    /// `'Sheet name'!H24`: a cell of a sheet, as a link's location or a defined name's reference.
    static func reference(sheet: String, cell: String) -> String {
        "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!" + cell
    }

    /// Each commented sheet's relationships, comments and drawing.
    func addCommentParts(to archive: Archive) throws {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        for (index, sheet) in sheets.enumerated() {
            guard let comments = sheet.comments, let shapes = sheet.shapes, let range = sheet.shapeRange else { continue }
            let number = index + 1
            let relationships =
                XLSXWriter.declaration
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"\(XLSXWriter.drawingRelationship)\" Type=\"\(type)/vmlDrawing\" Target=\"../drawings/vmlDrawing\(number).vml\"/>"
                + "<Relationship Id=\"\(XLSXWriter.commentsRelationship)\" Type=\"\(type)/comments\" Target=\"../comments\(number).xml\"/>"
                + "</Relationships>"
            try XLSXWriter.addEntry(to: archive, name: "xl/worksheets/_rels/sheet\(number).xml.rels", parts: [.text(relationships)])
            try XLSXWriter.addEntry(
                to: archive, name: "xl/comments\(number).xml",
                parts: [
                    .text(
                        XLSXWriter.declaration + "<comments xmlns=\"\(XLSXWriter.mainNamespace)\"><authors><author>VoterRoll</author></authors><commentList>"),
                    .spill(comments), .text("</commentList></comments>"),
                ])
            let blocks = (range.lowerBound / 1024...range.upperBound / 1024).map(String.init).joined(separator: ",")
            let drawing =
                "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                + "xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
                + "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"\(blocks)\"/></o:shapelayout>"
                + "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
                + "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"
            try XLSXWriter.addEntry(
                to: archive, name: "xl/drawings/vmlDrawing\(number).vml", parts: [.text(drawing), .spill(shapes), .text("</xml>")])
        }
    }

    /// A part of an entry: fixed text, or what a spill holds.
    enum EntryPart {
        case text(String)
        case spill(Spill)
    }

    /// Adds an entry made of `parts`, read as the archive asks for them.
    static func addEntry(to archive: Archive, name: String, parts: [EntryPart]) throws {
        let pieces: [(data: Data?, spill: Spill?, size: Int64)] = parts.map { part in
            switch part {
            case .text(let text):
                let data = Data(text.utf8)
                return (data, nil, Int64(data.count))
            case .spill(let spill): return (nil, spill, spill.size)
            }
        }
        let total = pieces.reduce(0) { $0 + $1.size }
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: total, modificationDate: entryDate, compressionMethod: .deflate,
            bufferSize: 1 << 16
        ) { position, size in
            var chunk = Data()
            var start: Int64 = 0
            var position = position
            var wanted = Int64(size)
            for piece in pieces {
                defer { start += piece.size }
                guard wanted > 0, position < start + piece.size else { continue }
                let offset = position - start
                let count = min(wanted, piece.size - offset)
                if let data = piece.data {
                    chunk.append(data.subdata(in: Int(offset)..<Int(offset + count)))
                } else if let spill = piece.spill {
                    chunk.append(contentsOf: try spill.bytes(at: offset, count: Int(count)))
                }
                position += count
                wanted -= count
            }
            return chunk
        }
    }
}
