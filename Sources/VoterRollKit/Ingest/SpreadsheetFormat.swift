/// The kinds of file VoterRoll reads, told apart by content, not by extension (offices
/// rename files freely: a `.xls` from a web system is often CSV or HTML).
public enum SpreadsheetFormat: String, Sendable, Codable, CaseIterable {
    /// CSV or TSV text.
    case csv
    /// Excel 2003 XML ("XML 电子表格 2003").
    case spreadsheetML = "spreadsheetml"
    /// Office Open XML workbook.
    case xlsx
    /// Excel 97-2003 workbook (BIFF8, or Excel 95 BIFF5) in an OLE2 compound file; WPS `.et` too.
    case xls
    /// A web page's table (HTML), as some systems export under a .xls name.
    case html

    /// The name people know it by.
    public var displayName: String {
        switch self {
        case .csv: "CSV/TSV text"
        case .spreadsheetML: "Excel 2003 XML (SpreadsheetML)"
        case .xlsx: "Excel workbook (XLSX)"
        case .xls: "Excel 97-2003 workbook (.xls)"
        case .html: "web page table (HTML)"
        }
    }
}
