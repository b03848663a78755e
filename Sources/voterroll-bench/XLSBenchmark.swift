// voterroll-bench read-xls [ROWS]: reading an Excel 97-2003 register (issue 26).
import Foundation
import VoterRollKit

/// Reads a register of `rows` people saved as .xls (BIFF8), the format's whole sheet by default
/// (65,536 rows, the header included), and prints rows/s and peak RSS.
///
/// The .xls is the synth XLSX converted by LibreOffice (`soffice`, which must be installed the
/// first time), so the file is one a third party wrote, kept beside the XLSX between runs.
func benchReadXLS(rows: Int) throws {
    guard rows <= 65_535 else {
        FileHandle.standardError.write(Data("read-xls: an .xls sheet holds at most 65,536 rows (65,535 people and the header)\n".utf8))
        exit(2)
    }
    let folder = try dataSet(rows: rows, format: .xlsx)
    let path = folder.appendingPathComponent("roll.xls").path
    if !FileManager.default.fileExists(atPath: path) {
        try shell("cd '\(folder.path)' && soffice --headless --convert-to 'xls:MS Excel 97' roll.xlsx >/dev/null 2>&1")
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("read-xls: LibreOffice (soffice) is needed once to make \(path)\n".utf8))
            exit(1)
        }
    }
    var dataRows = 0
    var best = Double.infinity
    // Best of three: the file is small enough that one run is at the mercy of the shared machine.
    for _ in 0..<3 {
        dataRows = 0
        let time = try seconds {
            let reader = MappedRowReader(reader: try SpreadsheetInput.open(path: path))
            while try reader.next() != nil { dataRows += 1 }
        }
        best = min(best, time)
    }
    print(String(format: "read-xls: %d rows (%.1f MB) in %.3f s (best of 3) = %.0f rows/s; peak RSS %.0f MB",
                 dataRows, size(path), best, Double(dataRows) / best, peakRSSMegabytes()))
}
