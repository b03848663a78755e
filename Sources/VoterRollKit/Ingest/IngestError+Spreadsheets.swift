/// The errors the SpreadsheetML and XLSX readers share, worded once.
extension IngestError {
    /// XML the parser gave up on, with the line it stopped at.
    static func damagedXML(_ error: XMLReaderError, line: Int, file: String, part: String? = nil) -> IngestError {
        let detail = error.message.hasPrefix("line ") ? error.message : "line \(line): \(error.message)"
        if error.message.contains("huge text node") {
            // libxml2's limit on one text node (10,000,000 bytes), kept: no register needs more.
            let place = detail.prefix { $0 != ":" }
            let subject = part.map { "\($0), \(place)" } ?? String(place)
            return IngestError(
                .tooLarge, file: file,
                message: "\(subject): a cell holds more than 10 MB of text, which no register needs; check the file")
        }
        let subject = part.map { "\($0) is damaged XML" } ?? "the XML is damaged"
        return IngestError(.malformed, file: file, message: "\(subject) (\(detail)); re-save the file from Excel or WPS")
    }

    /// A DOCTYPE: spreadsheets never carry one, and refusing it outright means no entity it
    /// defines (a "billion laughs", a reference to a local file) is ever expanded or fetched.
    static func doctypeRefused(file: String, part: String? = nil) -> IngestError {
        let subject = part ?? "the XML"
        return IngestError(
            .malformed, file: file,
            message: "\(subject) declares a DOCTYPE, which spreadsheets never do; it is refused so that no entity in it is ever expanded")
    }

    /// A workbook encrypted with a password (an `.xlsx` in an OLE2 container, or an `.xls` with
    /// a FILEPASS record): nothing in it can be read without the password.
    static func passwordProtected(file: String) -> IngestError {
        IngestError(
            .malformed, file: file,
            message: "is a workbook protected with a password, which VoterRoll cannot open; in Excel or WPS open it and save it again as .xlsx without a password (or as CSV)")
    }

    /// A `sheet` the workbook does not have, naming the ones it has.
    static func unknownSheet(_ name: String, among names: [String], file: String) -> IngestError {
        let found = names.isEmpty ? "none" : names.map { "“\($0)”" }.joined(separator: ", ")
        return IngestError(.unreadable, file: file, message: "no worksheet named “\(name)”; the sheets are: \(found)")
    }
}
