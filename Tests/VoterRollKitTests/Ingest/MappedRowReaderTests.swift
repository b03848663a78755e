import Foundation
import Testing

@testable import VoterRollKit

/// Finding the header, mapping columns to canonical fields, and counting every row.
@Suite struct MappedRowReaderTests {
    /// Rows of made-up sheets, as a workbook reader yields them (empty cells left out).
    final class SheetsReader: RowReader {
        let file: String
        private var rows: [SourceRow] = []
        private var index = 0

        init(file: String = "book.xlsx", _ sheets: [(name: String, rows: [[String]])]) {
            self.file = file
            for sheet in sheets {
                for (offset, texts) in sheet.rows.enumerated() {
                    let cells = texts.enumerated().compactMap { column, text in
                        text.isEmpty ? nil : Cell(column: column + 1, text: text, kind: .string)
                    }
                    rows.append(SourceRow(file: file, sheet: sheet.name, number: offset + 1, cells: cells))
                }
            }
        }

        func next() throws(IngestError) -> SourceRow? {
            guard index < rows.count else { return nil }
            index += 1
            return rows[index - 1]
        }
    }

    static func readAll(_ reader: MappedRowReader) throws -> [MappedRow] {
        var rows: [MappedRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(reader.counts.isBalanced, "\(reader.counts)")
        return rows
    }

    static func csv(_ name: String, required: Set<CanonicalField> = CanonicalField.rollRequired, aliases: HeaderAliases = .standard) throws -> MappedRowReader {
        MappedRowReader(reader: try CSVReader(path: SpreadsheetTestSupport.fixture("csv/\(name)")), required: required, aliases: aliases)
    }

    // MARK: Header

    @Test func findsTheHeaderBelowATitleAndABlankLine() throws {
        let reader = try Self.csv("title-above-header.csv")
        let rows = try Self.readAll(reader)
        #expect(rows.map(\.row.number) == [4, 5, 6])
        #expect(rows.map { $0.text(.name) } == ["张三", "李秀英", "王㛃"])
        #expect(rows.first?.text(.idNumber) == "11010119900307133X")
        #expect(rows.first?.columnName(.idNumber) == "公民身份号码")
        #expect(rows.first?.address(.idNumber).cell == "title-above-header.csv:4:C")
        #expect(rows.first?.cell(.gender) == nil)
        #expect(rows.first?.text(.gender) == nil)
        var expected = RowCounts()
        (expected.rowsRead, expected.titleRows, expected.blankRows, expected.headerRows, expected.dataRows) = (6, 1, 1, 1, 3)
        #expect(reader.counts == expected)
        #expect(reader.sheets.count == 1)
        #expect(reader.sheets.first?.mapping?.headerRow == 3)
    }

    @Test func theDemoRollIsReadWithEveryRowAccountedFor() throws {
        let reader = MappedRowReader(reader: try CSVReader(path: SpreadsheetTestSupport.fixture("../demo/roll.csv")))
        let rows = try Self.readAll(reader)
        #expect(rows.count == 30)
        #expect(reader.counts.rowsRead == 33)
        #expect(reader.counts.titleRows == 1)
        #expect(reader.counts.headerRows == 1)
        #expect(reader.counts.blankRows == 1)
        let mapping = try #require(reader.sheets.first?.mapping)
        #expect(mapping.headerRow == 2)
        #expect(mapping.fields.map(\.field) == [.sequence, .constituency, .voterGroup, .name, .gender, .ethnicity, .birthDate, .idNumber, .address, .remarks])
        #expect(rows.allSatisfy { $0.findings.isEmpty })
        #expect(rows.first?.text(.name) == "张伟")
        #expect(rows.last?.text(.address) == "某某镇北街27号,2单元")
    }

    @Test func picksTheRowThatMapsTheMostFields() throws {
        let reader = MappedRowReader(reader: SheetsReader([(name: "Sheet1", rows: [
            ["选民登记表"],
            ["姓名", "身份证"],
            ["姓名", "身份证号", "性别", "民族"],
            ["张三", "11010119900307133X", "男", "汉族"],
        ])]))
        let rows = try Self.readAll(reader)
        #expect(reader.sheets.first?.mapping?.headerRow == 3)
        #expect(reader.counts.titleRows == 2)
        #expect(rows.map { $0.text(.ethnicity) } == ["汉族"])
    }

    @Test(arguments: [
        ("姓名", CanonicalField.name), (" 姓　名 ", .name), ("名字", .name),
        ("公民身份号码", .idNumber), ("身份证号", .idNumber), ("身份证号码", .idNumber), ("证件号码", .idNumber), ("身份证", .idNumber),
        ("身 份 证 号", .idNumber), ("出生日期", .birthDate), ("出生年月日", .birthDate), ("出生年月", .birthDate),
        ("性别", .gender), ("民族", .ethnicity), ("选区", .constituency), ("选民小组", .voterGroup), ("小组", .voterGroup),
        ("住址", .address), ("户籍地址", .address), ("现住址", .address), ("序号", .sequence), ("备注", .remarks),
        ("开始日期", .start), ("起始日期", .start), ("剥夺开始日期", .start),
        ("结束日期", .end), ("截止日期", .end), ("期满日期", .end), ("终止日期", .end),
        ("确认日期", .confirmedDate), ("决定机关", .authority), ("决定日期", .decidedDate), ("死亡日期", .deathDate),
        ("现居住地", .currentResidence), ("现住地", .currentResidence),
        ("是否开具选民资格证明", .certificateIssued), ("开具证明", .certificateIssued), ("已开证明", .certificateIssued),
        ("户籍地", .hukouPlace), ("户口所在地", .hukouPlace), ("选民资格证明编号", .certificateNumber), ("证明编号", .certificateNumber),
        ("委托人姓名", .principalName), ("委托人", .principalName), ("委托人身份证号", .principalID), ("委托人公民身份号码", .principalID),
        ("受托人姓名", .agentName), ("受托人", .agentName), ("受托人身份证号", .agentID), ("受托人公民身份号码", .agentID),
    ] as [(String, CanonicalField)])
    func mapsEveryBuiltInAlias(header: String, field: CanonicalField) {
        #expect(HeaderAliases.standard.field(forHeader: header) == field)
    }

    @Test func headerKeysIgnoreSpacesFullWidthFormsAndCase() {
        #expect(HeaderAliases.key("\u{3000}公民 身份\t号码 ") == "公民身份号码")
        #expect(HeaderAliases.key("ＩＤ　Ｎｏ．") == "idno.")
        #expect(HeaderAliases.key("\u{FEFF}姓名") == "姓名")
        #expect(HeaderAliases.standard.field(forHeader: "文化程度") == nil)
        #expect(HeaderAliases.standard.field(forHeader: "联 系 电 话") == .phone)
    }

    @Test func configuredAliasesAddToTheBuiltInOnes() throws {
        let aliases = HeaderAliases(extra: [.name: ["选民姓名"], .idNumber: ["ID No."]])
        let path = try SpreadsheetTestSupport.write("选民姓名,ＩＤ　ｎｏ．,性别\n张三,11010119900307133X,男\n", name: "aliases.csv")
        let reader = MappedRowReader(reader: try CSVReader(path: path), aliases: aliases)
        let rows = try Self.readAll(reader)
        #expect(rows.map { $0.text(.idNumber) } == ["11010119900307133X"])
        #expect(rows.map { $0.columnName(.idNumber) } == ["ＩＤ　ｎｏ．"])
        #expect(rows.map { $0.text(.gender) } == ["男"])
    }

    @Test func spacedAndFullWidthHeadersMap() throws {
        let reader = try Self.csv("spaced-headers.csv")
        let rows = try Self.readAll(reader)
        let mapping = try #require(reader.sheets.first?.mapping)
        #expect(mapping.column(for: .sequence) == 1)
        #expect(mapping.column(for: .name) == 2)
        #expect(mapping.header(for: .name) == "姓　名")
        #expect(mapping.column(for: .idNumber) == 3)
        #expect(mapping.column(for: .address) == 4)
        #expect(mapping.columns.last?.field == nil)
        #expect(rows.count == 3)
    }

    @Test func aSecondColumnForTheSameFieldIsNotUsed() throws {
        let reader = MappedRowReader(reader: SheetsReader([(name: "S", rows: [
            ["姓名", "身份证号", "户籍地址", "现住址"], ["张三", "1", "甲", "乙"],
        ])]))
        let rows = try Self.readAll(reader)
        #expect(rows.first?.text(.address) == "甲")
        #expect(reader.sheets.first?.mapping?.columns.map(\.field) == [.name, .idNumber, .address, nil])
    }

    // MARK: Missing columns

    @Test func aMissingRequiredColumnNamesTheFileTheHeaderRowAndTheColumnsSeen() throws {
        let reader = try Self.csv("missing-id.csv")
        do {
            _ = try reader.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .missingColumns)
            #expect(error.file == SpreadsheetTestSupport.fixture("csv/missing-id.csv"))
            #expect(error.message.contains("no column for 公民身份号码 (id_number) in the header at row 1"), "\(error)")
            #expect(error.message.contains("columns seen: 序号, 姓名, 性别, 住址"), "\(error)")
            #expect(error.message.contains("身份证号"), "\(error)")
        }
    }

    @Test func noHeaderInTheFirstTwentyRowsIsSaidSo() throws {
        var text = ""
        for index in 1...25 { text += "\(index),张三,11010119900307133X\n" }
        let reader = MappedRowReader(reader: try CSVReader(path: try SpreadsheetTestSupport.write(text, name: "noheader.csv")))
        SpreadsheetTestSupport.expectIngestError(.missingColumns, containing: "no header in the first 20 rows (looked for 姓名 (name), 公民身份号码 (id_number)); columns seen in row 1: 1, 张三, 11010119900307133X") { () throws(IngestError) in
            _ = try reader.next()
        }
    }

    @Test func anEmptyFileHasNoHeader() throws {
        let reader = try Self.csv("empty.csv")
        SpreadsheetTestSupport.expectIngestError(.missingColumns, containing: "no header in the first 20 rows (looked for 姓名 (name), 公民身份号码 (id_number)); the sheet is empty") { () throws(IngestError) in
            _ = try reader.next()
        }
    }

    @Test func aHeaderOnlyFileHasNoDataRows() throws {
        let reader = try Self.csv("header-only.csv")
        #expect(try Self.readAll(reader).isEmpty)
        #expect(reader.counts.headerRows == 1 && reader.counts.rowsRead == 1)
    }

    @Test func theRequiredSetIsTheCallers() throws {
        // A proxies list needs the principal's and the agent's IDs, not a name column.
        let reader = MappedRowReader(reader: SheetsReader([(name: "S", rows: [
            ["委托人", "委托人身份证号", "受托人", "受托人身份证号"], ["张三", "1", "李四", "2"],
        ])]), required: [.principalID, .agentID])
        let rows = try Self.readAll(reader)
        #expect(rows.map { $0.text(.agentID) } == ["2"])
        SpreadsheetTestSupport.expectIngestError(.missingColumns, containing: "委托人身份证号 (principal_id)") { () throws(IngestError) in
            let lacking = MappedRowReader(reader: SheetsReader([(name: "S", rows: [["姓名", "受托人身份证号"], ["a", "1"]])]), required: [.principalID, .agentID])
            _ = try lacking.next()
        }
    }

    // MARK: Sheets

    @Test func sheetsWithoutAHeaderAreSkippedAndCounted() throws {
        let reader = MappedRowReader(reader: SheetsReader([
            (name: "说明", rows: [["本表由某某镇选举委员会填写"], ["截止日期：2026年6月30日"]]),
            (name: "第一选区", rows: [["第一选区选民登记表"], ["姓名", "身份证号"], ["张三", "1"], [], ["李四", "2"]]),
            (name: "第二选区", rows: [["姓名", "身份证号", "性别"], ["王五", "3", "男"]]),
            (name: "统计", rows: [["选区", "人数"], ["第一选区", "2"]]),
        ]))
        let rows = try Self.readAll(reader)
        #expect(rows.map { "\($0.row.sheet ?? "")!\($0.row.number) \($0.text(.name) ?? "")" } == ["第一选区!3 张三", "第一选区!5 李四", "第二选区!2 王五"])
        #expect(reader.sheets.map(\.name) == ["说明", "第一选区", "第二选区", "统计"])
        #expect(reader.sheets.map { $0.mapping?.headerRow } == [nil, 2, 1, nil])
        #expect(reader.sheets.map(\.counts.dataRows) == [0, 2, 1, 0])
        #expect(reader.counts.rowsRead == 11)
        #expect(reader.counts.skippedRows == 4)
        #expect(reader.counts.blankRows == 1)
        #expect(reader.counts.titleRows == 1)
        #expect(reader.counts.headerRows == 2)
    }

    @Test func aSheetWithAnIncompleteHeaderIsAnError() {
        let reader = MappedRowReader(reader: SheetsReader([
            (name: "第一选区", rows: [["姓名", "身份证号"], ["张三", "1"]]),
            (name: "第二选区", rows: [["姓名", "性别"], ["王五", "男"]]),
        ]))
        SpreadsheetTestSupport.expectIngestError(.missingColumns, containing: "in the header at row 1 of sheet 第二选区") { () throws(IngestError) in
            while try reader.next() != nil {}
        }
    }

    @Test func aWorkbookWithNoHeaderAnywhereIsAnErrorAtTheEnd() {
        let reader = MappedRowReader(reader: SheetsReader([(name: "说明", rows: [["填表说明"], ["略"]])]))
        SpreadsheetTestSupport.expectIngestError(.missingColumns, containing: "no header in the first 20 rows of sheet 说明") { () throws(IngestError) in
            while try reader.next() != nil {}
        }
    }

    @Test func withoutRequireHeaderNothingIsAnError() throws {
        let reader = MappedRowReader(reader: try CSVReader(path: SpreadsheetTestSupport.fixture("csv/missing-id.csv")), required: [], requireHeader: false)
        let rows = try Self.readAll(reader)
        #expect(rows.count == 1)
        let none = MappedRowReader(reader: SheetsReader([(name: "S", rows: [["a"], ["b"]])]), required: [], requireHeader: false)
        #expect(try Self.readAll(none).isEmpty)
        #expect(none.counts.skippedRows == 2)
    }

    // MARK: Rows

    @Test func rowsWiderOrNarrowerThanTheHeaderAreRagged() throws {
        let rows = try Self.readAll(try Self.csv("ragged.csv"))
        #expect(rows.map(\.row.number) == [2, 3, 4])
        #expect(rows[0].findings.isEmpty)
        expectProduces(.inputRaggedRow, rows[1].findings)
        #expect(rows[1].findings.first?.evidence == "5 cells; the header (row 1) has 4")
        #expect(rows[1].findings.first?.severity == .warning)
        expectProduces(.inputRaggedRow, rows[2].findings)
        #expect(rows[2].findings.first?.evidence == "3 cells; the header (row 1) has 4")
        #expect(rows[2].text(.address) == "")
    }

    @Test func aWorkbookRowWithAValueRightOfTheHeaderIsRagged() throws {
        let rows = try Self.readAll(MappedRowReader(reader: SheetsReader([(name: "S", rows: [
            ["姓名", "身份证号"], ["张三", "1"], ["李四", "2", "", "多余"], ["王五"],
        ])])))
        #expect(rows.map { $0.findings.map(\.code) } == [[], [.inputRaggedRow], []])
        #expect(rows[1].findings.first?.evidence == "a value in column D, right of the header's last column B (row 1)")
    }

    @Test func aRepeatedHeaderCountsAsAHeader() throws {
        let reader = MappedRowReader(reader: SheetsReader([(name: "S", rows: [
            ["姓名", "身份证号"], ["张三", "1"], ["姓名", "身份证号"], ["李四", "2"],
        ])]))
        let rows = try Self.readAll(reader)
        #expect(rows.map { $0.text(.name) } == ["张三", "李四"])
        #expect(reader.counts.headerRows == 2)
    }

    /// The check runs on every row and compares first bytes before trimming; a header repeated
    /// with spaces around it (ideographic, no-break, ASCII) is still one.
    @Test(arguments: ["\u{3000}姓名", "\u{00A0}姓名 ", " 姓名\t", "\u{2002}姓名"])
    func aRepeatedHeaderWithSpacesAroundItCountsAsAHeader(written: String) throws {
        let reader = MappedRowReader(reader: SheetsReader([(name: "S", rows: [
            ["姓名", "身份证号"], ["张三", "1"], [written, "身份证号"], ["姓名x", "2"],
        ])]))
        let rows = try Self.readAll(reader)
        #expect(rows.map { $0.text(.name) } == ["张三", "姓名x"])
        #expect(reader.counts.headerRows == 2)
    }

    @Test func readingFindingsGetTheirColumnsHeader() throws {
        let rows = try Self.readAll(try Self.csv("invalid-gb18030.csv"))
        let finding = try #require(rows.flatMap(\.findings).first)
        #expect(finding.code == .inputEncoding)
        #expect(finding.columnName == "姓名")
    }

    @Test func malformedRowsAreDataRowsWithTheirFinding() throws {
        let reader = try Self.csv("unclosed-quote.csv")
        let rows = try Self.readAll(reader)
        #expect(rows.map(\.row.number) == [2, 3, 4, 5])
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[1].findings.first?.columnName == "姓名")
        #expect(reader.counts.dataRows == 4)
    }
}
