/// What an XLSX workbook says about itself: its worksheets in order, where its shared strings and
/// styles are, and which date system its serial numbers count in.
///
/// Part names come from the relationships (`_rels/.rels`, then the workbook's own `.rels`),
/// never from conventions alone: Excel names parts `xl/worksheets/sheet1.xml`, but other writers
/// do not, and a sheet's order is the workbook's `<sheets>` order, not its file name.
struct XLSXWorkbook {
    struct Sheet: Hashable, Sendable {
        var name: String
        /// The worksheet's part, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
    }

    /// Worksheets in workbook order (chart sheets and dialog sheets hold no rows and are left out).
    var sheets: [Sheet] = []
    var dateSystem = ExcelDateSystem.system1900
    var sharedStringsPart: String?
    var stylesPart: String?

    private static let relationshipNamespaces = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ]

    static func read(from package: XLSXPackage) throws(IngestError) -> XLSXWorkbook {
        let root = try relationships(of: "", in: package)
        let workbookPart = root.first { $0.type == "officeDocument" }?.target ?? "xl/workbook.xml"
        guard package.contains(workbookPart) else {
            throw IngestError(
                .malformed, file: package.file,
                message: "not an XLSX workbook: the archive has no workbook part (is it a .docx or another ZIP?)")
        }
        let related = try relationships(of: workbookPart, in: package)
        var byID: [String: Relationship] = [:]
        for relationship in related where byID[relationship.id] == nil {
            byID[relationship.id] = relationship
        }
        var workbook = XLSXWorkbook()
        workbook.sharedStringsPart = related.first { $0.type == "sharedStrings" }?.target
        workbook.stylesPart = related.first { $0.type == "styles" }?.target
        if workbook.sharedStringsPart == nil, package.contains("xl/sharedStrings.xml") {
            workbook.sharedStringsPart = "xl/sharedStrings.xml"
        }
        if workbook.stylesPart == nil, package.contains("xl/styles.xml") {
            workbook.stylesPart = "xl/styles.xml"
        }

        let reader = try package.open(workbookPart)
        let xml = reader.xml
        // Every sheet in `<sheets>` order (a defined name's `localSheetId` counts them all),
        // and the sheets a findings-list marker names.
        var everySheet: [String] = []
        var markedSheets: Set<String> = []
        var inMarker = false
        while let type = try reader.next() {
            if type == 3, inMarker, let reference = xml.value {
                if let name = XLSXWorkbook.sheetName(inReference: reference) { markedSheets.insert(name) }
                inMarker = false
            }
            guard type == 1 else { continue }
            inMarker = false
            if xml.localNameIs("definedName"), xml.attribute("name") == XLSXWorkbook.findingsListMarker {
                if let local = xml.attribute("localSheetId").flatMap(Int.init), everySheet.indices.contains(local) {
                    markedSheets.insert(everySheet[local])
                } else {
                    inMarker = true
                }
            } else if xml.localNameIs("workbookPr") {
                let flag = xml.attribute("date1904")?.lowercased()
                if flag == "1" || flag == "true" { workbook.dateSystem = .system1904 }
            } else if xml.localNameIs("sheet") {
                let name = xml.attribute("name") ?? "Sheet\(workbook.sheets.count + 1)"
                everySheet.append(name)
                let id = relationshipNamespaces.lazy.compactMap { xml.attribute("id", namespace: $0) }.first
                guard let id, let relationship = byID[id], let target = relationship.target else {
                    throw IngestError(
                        .malformed, file: package.file,
                        message: "the sheet “\(name)” points at no part of the workbook; re-save the file from Excel or WPS")
                }
                guard relationship.type == "worksheet" else { continue }
                workbook.sheets.append(Sheet(name: name, part: target))
            }
        }
        workbook.sheets.removeAll { markedSheets.contains($0.name) }
        return workbook
    }

    /// The defined name VoterRoll's annotated workbooks give their findings list (问题清单):
    /// a sheet it names lists findings, not people, and is not read.
    static let findingsListMarker = "VoterRoll.FindingsList"

    /// The sheet of a reference such as `'问题清单'!$A$1` or `Sheet1!$A$1`.
    static func sheetName(inReference reference: String) -> String? {
        guard let bang = reference.lastIndex(of: "!") else { return nil }
        var name = String(reference[..<bang])
        if name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 {
            // A quote inside a quoted name is doubled.
            var unquoted = ""
            var previousWasQuote = false
            for character in name.dropFirst().dropLast() {
                if character == "'", previousWasQuote {
                    previousWasQuote = false
                    continue
                }
                previousWasQuote = character == "'"
                unquoted.append(character)
            }
            name = unquoted
        }
        return name.isEmpty ? nil : name
    }

    // MARK: Relationships

    private struct Relationship {
        var id: String
        /// The last component of the type URI (`worksheet`, `styles`…), the same in transitional
        /// and strict OOXML.
        var type: Substring
        /// The part it points at; nil for external targets and targets outside the package.
        var target: String?
    }

    /// The relationships of a part (`""`: of the package itself); none when it has no `.rels`.
    private static func relationships(of source: String, in package: XLSXPackage) throws(IngestError) -> [Relationship] {
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        let name = source.split(separator: "/").last.map(String.init) ?? ""
        let relsPart = folder.isEmpty ? "_rels/\(name).rels" : "\(folder)/_rels/\(name).rels"
        guard package.contains(relsPart) else { return [] }
        let reader = try package.open(relsPart)
        let xml = reader.xml
        var found: [Relationship] = []
        while let type = try reader.next() {
            guard type == 1, xml.localNameIs("Relationship"),
                let id = xml.attribute("Id"), let type = xml.attribute("Type"), let target = xml.attribute("Target")
            else { continue }
            let external = xml.attribute("TargetMode")?.lowercased() == "external"
            let kind = type.split(separator: "/").last ?? ""
            found.append(
                Relationship(id: id, type: kind, target: external ? nil : XLSXPackage.resolve(target, from: source)))
        }
        return found
    }
}
