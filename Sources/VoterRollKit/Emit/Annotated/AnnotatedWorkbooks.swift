import Foundation

/// `annotated/<input>.xlsx`: each register and list file given back to the clerk as they
/// sent it, every cell a finding names filled by severity with a comment (批注) saying what is
/// wrong and what to do, after a first sheet 问题清单 listing every finding with a link to its
/// cell. The clerk fixes the cells in place, saves, and runs again on the same workbook.
///
/// - The sheets, rows and columns are the input's, so every address in the report and in
///   findings.csv names the same cell here: a workbook's own sheets in order (those read),
///   one sheet named after the file for CSV and HTML. Values are the reader's text: text stays
///   text (ID numbers and dates are never turned into numbers); a cell the file stored as a
///   number stays a number, so a damaged ID number reads back as damaged.
/// - A finding about a whole row marks the row's first cell (column A).
/// - 问题清单 is marked by a defined name (`XLSXWorkbook.findingsListMarker`), so the
///   workbook reads back as the register or list it came from, without it.
/// - Streaming: each input is read again row by row after the check; only the findings'
///   cells are in memory (`FindingMarks`). Rows past Excel's last row (a CSV of more than
///   1,048,576 lines) are not written; their findings are still listed.
enum AnnotatedWorkbooks {
    static let folder = "annotated"

    /// Writes a workbook for every input into `directory/annotated/`; returns their names
    /// inside it.
    static func write(_ marks: FindingMarks, directory: String, options: CheckOptions) throws -> [String] {
        let folder = directory + "/" + AnnotatedWorkbooks.folder
        try PublishedFileName.makeFolder(folder, mode: 0o700)
        let names = PublishedFileName.uniqueBases(marks.files.map { fileBase($0.source.path) }).map { $0 + ".xlsx" }
        for (index, name) in names.enumerated() {
            try write(marks.take(index), to: folder + "/" + name, options: options)
        }
        return names
    }

    /// The file's name without its extension (`roll.csv` → `roll`).
    private static func fileBase(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let base = (name as NSString).deletingPathExtension
        return base.isEmpty ? name : base
    }

    private static func write(_ taken: FindingMarks.FileMarks, to path: String, options: CheckOptions) throws {
        var file = taken
        let language = options.language
        let zh = language == .zh
        let listName = zh ? "问题清单" : "Findings"
        let fileName = (file.source.path as NSString).lastPathComponent
        let sheetNames = file.sheets.map { XLSXWriter.sheetName($0 ?? fileName) }
        let print = XLSXWriter.Print(
            title: zh ? "\(fileName) 问题标注" : "\(fileName), annotated", footer: zh ? "第 &P 页，共 &N 页" : "Page &P of &N",
            landscape: true)
        let workbook = try XLSXWriter(
            path: path, sheetName: listName, isPrivate: true, columnWidths: [6, 16, 24, 5, 20, 44, 44], print: print,
            autoFilter: true)

        // The marks by sheet, row and column, as the input is read again.
        file.marks.sort { ($0.sheet, $0.row, $0.column) < ($1.sheet, $1.row, $1.column) }
        guard let list = workbook.currentSheet else { return }

        // The input's own rows, read again; each marked cell's value kept for 问题清单.
        var values = [String](repeating: "", count: file.marks.count)
        let reader = try SpreadsheetInput.open(
            path: file.source.path, encoding: file.source.encoding ?? options.inputEncoding, sheet: file.source.sheet)
        var currentSheet: String??
        // A finding that names no sheet of a workbook (about the whole file) links to its first.
        var firstSheet: String?
        var sheetMarks = file.marks[0..<0]
        while let row = try reader.next() {
            if currentSheet != .some(row.sheet) {
                currentSheet = .some(row.sheet)
                if firstSheet == nil { firstSheet = XLSXWriter.sheetName(row.sheet ?? fileName) }
                try workbook.startSheet(named: row.sheet ?? fileName, fitsColumns: true)
                let sheet = file.sheets.firstIndex(of: row.sheet).map(UInt16.init) ?? UInt16.max
                let start = file.marks.partitioningIndex { $0.sheet >= sheet }
                sheetMarks = file.marks[start..<file.marks[start...].partitioningIndex { $0.sheet > sheet }]
            }
            let marked = marksOn(row: row.number, in: sheetMarks)
            guard !row.cells.isEmpty || !marked.isEmpty else { continue }
            for index in marked.indices where marked[index].column > 0 {
                values[index] = row.cell(Int(marked[index].column))?.text ?? ""
            }
            try write(row, marked: marked, to: workbook, language: language)
        }

        // 问题清单, the first sheet, written last: errors first, then warnings and notes, each
        // by sheet, row and column.
        workbook.resume(list)
        let header = zh ? ["级别", "单元格", "代码", "列", "值", "说明", "怎么办"] : ["Severity", "Cell", "Code", "Column", "Value", "Message", "What to do"]
        try workbook.writeRow(number: 1, cells: header.enumerated().map { .init(column: $0.offset + 1, content: .text($0.element), style: .header) })
        var listRow = 1
        for severity in [Severity.error, .warning, .info] {
            for index in file.marks.indices where file.marks[index].code.severity == severity {
                let mark = file.marks[index]
                let column = Int(max(mark.column, 1))
                let address = CellAddress(
                    file: fileName, sheet: file.sheets[Int(mark.sheet)], row: Int(mark.row), column: mark.column == 0 ? nil : column)
                listRow += 1
                try workbook.writeRow(
                    number: listRow,
                    cells: [
                        .init(column: 1, content: .text(severity.label(language)), style: style(severity)),
                        .init(column: 2, content: .text(address.cell), style: .link),
                        .init(column: 3, content: .text(mark.code.rawValue), style: .plain),
                        .init(column: 4, content: .text(CellAddress.letters(forColumn: column)), style: .plain),
                        .init(column: 5, content: .text(values[index]), style: .plain),
                        .init(column: 6, content: .text(mark.code.message(language)), style: .plain),
                        .init(column: 7, content: .text(mark.code.whatToDo(language)), style: .plain),
                    ])
                try workbook.addLink(
                    row: listRow, column: 2,
                    location: XLSXWriter.reference(
                        sheet: file.sheets[Int(mark.sheet)] == nil ? firstSheet ?? sheetNames[Int(mark.sheet)] : sheetNames[Int(mark.sheet)],
                        cell: "\(CellAddress.letters(forColumn: column))\(mark.row)"))
            }
        }
        workbook.definedNames.append(
            XLSXWriter.DefinedName(
                name: XLSXWorkbook.findingsListMarker, sheet: 0,
                reference: XLSXWriter.reference(sheet: listName, cell: "$A$1:$G$\(listRow)")))
        try workbook.commit()
    }

    /// The marks on `row` among one sheet's, sorted by row (a binary search: rows come in
    /// order, but a damaged file may number them backwards).
    private static func marksOn(row: Int, in marks: ArraySlice<FindingMarks.Mark>) -> ArraySlice<FindingMarks.Mark> {
        let start = marks.partitioningIndex { Int($0.row) >= row }
        return marks[start..<marks[start...].partitioningIndex { Int($0.row) > row }]
    }
}

extension AnnotatedWorkbooks {
    /// One row of the input, its marked cells filled and commented.
    private static func write(
        _ row: SourceRow, marked: ArraySlice<FindingMarks.Mark>, to workbook: XLSXWriter, language: Language
    ) throws {
        // Each marked cell's findings, a whole row's on its first cell.
        var findings: [Int: [FindingCode]] = [:]
        for mark in marked { findings[Int(max(mark.column, 1)), default: []].append(mark.code) }
        var cells: [XLSXWriter.PlacedCell] = []
        cells.reserveCapacity(row.cells.count + findings.count)
        for cell in row.cells {
            let codes = findings[cell.column]
            guard !cell.isBlank || codes != nil else { continue }
            let look: XLSXWriter.Style = codes.map { style($0.map(\.severity).max() ?? .info) } ?? .plain
            cells.append(XLSXWriter.PlacedCell(column: cell.column, content: content(cell), style: look))
        }
        // A finding on an empty cell (a missing ID number) still marks it.
        for (column, codes) in findings where !cells.contains(where: { $0.column == column }) {
            cells.append(XLSXWriter.PlacedCell(column: column, content: .empty, style: style(codes.map(\.severity).max() ?? .info)))
        }
        cells.sort { $0.column < $1.column }
        guard try workbook.writeRow(number: row.number, cells: cells) else { return }
        for column in findings.keys.sorted() {
            guard let codes = findings[column] else { continue }
            try workbook.addComment(row: row.number, column: column, text: comment(codes, language: language))
        }
    }

    /// A cell's value as the file held it: a number the file stored as one stays a number.
    private static func content(_ cell: Cell) -> XLSXWriter.PlacedCell.Content {
        switch cell.kind {
        case .number where isPlainNumber(cell.text): .number(cell.text)
        case .empty: .empty
        default: .text(cell.text)
        }
    }

    /// Digits with an optional sign, point and exponent: what `<v>` may hold.
    private static func isPlainNumber(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count < 40 else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x45 || $0 == 0x65 }
            && text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } && Double(text) != nil
    }

    /// The comment on a cell: each finding's severity, code, message and what to do.
    static func comment(_ codes: [FindingCode], language: Language) -> String {
        var seen: Set<FindingCode> = []
        return codes.filter { seen.insert($0).inserted }.map { code in
            "【\(code.severity.label(language))】\(code.rawValue)\n\(code.message(language))\n"
                + (language == .zh ? "怎么办：" : "What to do: ") + code.whatToDo(language)
        }.joined(separator: "\n\n")
    }

    private static func style(_ severity: Severity) -> XLSXWriter.Style {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
    }
}

fileprivate extension Collection {
    /// The first index whose element satisfies `belongs`, in a collection where every element
    /// that does comes after every one that does not (a binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
