/// The rows a generated file starts with: the titles above the header, then the header.
struct SynthHeader {
    /// Rows above the header that hold something; a row number left out is blank.
    var titles: [(row: Int, cells: [SynthCell])]
    /// The header's cells, one per column.
    var cells: [SynthCell]
    /// The header's 1-based row: data starts below it.
    var row: Int

    /// Writes the titles and the header.
    func write(to writer: any SynthTableWriter) throws(OutputError) {
        for title in titles { try writer.write(row: title.row, title.cells) }
        try writer.write(row: row, cells)
    }
}
