/// One part of a workbook opened as XML, with the stream (if any) that feeds it.
///
/// Reading through `read()` turns parser failures into `IngestError`s that name the part,
/// preferring the stream's own reason (a limit, a bad checksum) over the parser's complaint
/// about the bytes it was cut off from, and refuses a DOCTYPE as the SpreadsheetML reader does.
final class XLSXPart {
    let part: String
    let file: String
    let xml: XMLStreamReader
    private let stream: XLSXEntryStream?

    init(part: String, file: String, xml: XMLStreamReader, stream: XLSXEntryStream?) {
        self.part = part
        self.file = file
        self.xml = xml
        self.stream = stream
    }

    deinit {
        stream?.cancel()
    }

    /// Moves to the next node; false at the end of the part.
    func read() throws(IngestError) -> Bool {
        let more: Bool
        do {
            more = try xml.read()
        } catch {
            if let failure = stream?.error { throw failure }
            throw IngestError.damagedXML(error, line: xml.line, file: file, part: part)
        }
        if more, xml.nodeTypeCode == 10 {
            throw IngestError.doctypeRefused(file: file, part: part)
        }
        if !more, let failure = stream?.error { throw failure }
        return more
    }
}
