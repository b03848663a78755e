import Foundation
import Testing

@testable import VoterRollKit

/// Web pages exported under a .xls name: each `<tr>` a row, each `<td>`/`<th>` a cell, the
/// text as a browser shows it.
@Suite struct HTMLTableReaderTests {
    static func rows(_ html: [UInt8], name: String = "page.xls") throws -> [[String]] {
        let path = try SpreadsheetTestSupport.write(html, name: name)
        let reader = try SpreadsheetInput.open(path: path, file: name)
        #expect(reader is HTMLTableReader)
        return try SpreadsheetTestSupport.readAll(reader as! HTMLTableReader).map { row in row.cells.map { "\(CellAddress.letters(forColumn: $0.column)):\($0.text)" } }
    }

    @Test func cellsAreTheTextABrowserShows() throws {
        let page = """
            <html><head><title>花名册</title><style>td { color: red }</style><script>var x = "<td>no</td>";</script></head>
            <body><table border=1>
            <tr><th> 姓名 </th><th>公民身份
              号码</th><th>备注</th></tr>
            <tr><td><font face="宋体"><b>张</b>伟</font></td><td x:str>370102198001010031</td><td>一<br>二</td></tr>
            <tr><td colspan=2>合并&amp;居中</td><td>&nbsp;</td>
            <tr><td>李四<td>110101198506120354
            </table></body></html>
            """
        let rows = try Self.rows(Array(page.utf8))
        #expect(rows == [
            ["A:姓名", "B:公民身份 号码", "C:备注"],
            ["A:张伟", "B:370102198001010031", "C:一\n二"],
            ["A:合并&居中", "C:\u{A0}"],
            ["A:李四", "B:110101198506120354"],
        ])
    }

    /// The page's own `<meta charset>` says how to read it, as browsers and Excel read it.
    @Test func thePagesDeclaredEncodingIsUsed() throws {
        // 张伟 and 𠮷 in GB18030 (the second a four-byte code).
        let bytes =
            Array("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=gb18030\"></head><body><table><tr><td>".utf8)
            + [0xD5, 0xC5, 0xCE, 0xB0] + Array("</td><td>".utf8) + [0x95, 0x34, 0xB2, 0x35] + Array("</td></tr></table></body></html>".utf8)
        #expect(try Self.rows(bytes) == [["A:张伟", "B:𠮷"]])
    }

    /// Rows are numbered across the page's tables in order; a row without cells is blank.
    @Test func rowsOfEveryTableAreNumberedInOrder() throws {
        let page = "<table><tr><td>标题</td></tr><tr></tr></table><p>说明</p><table><tr><td>姓名</td></tr><tr><td>张伟</td></tr></table>"
        let path = try SpreadsheetTestSupport.write(Array(page.utf8), name: "two.xls")
        let rows = try SpreadsheetTestSupport.readAll(SpreadsheetInput.open(path: path, file: "two.xls"))
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows.map { $0.cells.map(\.text) } == [["标题"], [], ["姓名"], ["张伟"]])
        #expect(rows.allSatisfy { $0.sheet == nil })
    }

    /// Broken markup and hostile spans are read as a browser would, within bounds: a colspan of
    /// a billion moves the next cell no further than the last column, a cell of 4 MB is cut at
    /// the row limit, and unclosed tags end with the page.
    @Test func hostilePagesAreBounded() throws {
        var page = "<table><tr><td colspan=1000000000>a</td><td>b</td></tr><tr><td>"
        page += String(repeating: "长", count: (4 << 20) / 3)
        page += "<tr><td>x<td>y<td"
        let path = try SpreadsheetTestSupport.write(Array(page.utf8), name: "bad.xls")
        let rows = try SpreadsheetTestSupport.readAll(SpreadsheetInput.open(path: path, file: "bad.xls"))
        #expect(rows.count == 3)
        #expect(rows[0].cells.map(\.text) == ["a"])
        #expect(rows[1].cells.first.map { $0.text.utf8.count <= RowLimits.standard.maxRecordBytes } == true)
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[0].findings.isEmpty && rows[2].findings.isEmpty)
        #expect(rows[2].cells.map(\.text).prefix(2) == ["x", "y"])
    }
}
