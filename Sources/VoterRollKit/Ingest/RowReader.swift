/// A streaming source of rows: CSV/TSV, SpreadsheetML 2003, XLSX or XLS (Excel 97-2003).
///
/// Readers hold one row (or one chunk of bytes) at a time, so memory does not grow with the
/// file. Bad data inside the file becomes findings on the rows; only a file that cannot be
/// read at all throws (`IngestError`, exit status 3).
public protocol RowReader: AnyObject {
    /// The file as the user named it.
    var file: String { get }
    /// The next row of the current sheet, then of the following sheets; nil at the end.
    func next() throws(IngestError) -> SourceRow?
}
