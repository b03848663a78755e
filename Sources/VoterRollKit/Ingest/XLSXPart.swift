/// One part of a workbook opened as XML, with the stream (if any) that feeds it.
///
/// Reading through `next()` turns parser failures into `IngestError`s that name the part,
/// preferring the stream's own reason (a limit, a bad checksum, a DOCTYPE in the first bytes) over
/// the parser's complaint about the bytes it was cut off from.
final class XLSXPart {
    let part: String
    let file: String
    let xml: XMLStreamReader
    private let bytes: XLSXEntryStream
    private var inProlog = true

    init(bytes: XLSXEntryStream, file: String) throws(XMLReaderError) {
        part = bytes.part
        self.file = file
        self.bytes = bytes
        xml = try XMLStreamReader(name: "\(file)!\(bytes.part)") { buffer in bytes.read(into: buffer) }
    }

    deinit {
        bytes.cancel()
    }

    /// Moves to the next node and returns its type (every kind of text as 3); nil at the end.
    func next() throws(IngestError) -> Int32? {
        let type: Int32?
        do {
            type = try xml.readNode()
        } catch {
            if let failure = bytes.error { throw failure }
            throw IngestError.damagedXML(error, line: xml.line, file: file, part: part)
        }
        guard let type else {
            if let failure = bytes.error { throw failure }
            return nil
        }
        if inProlog {
            // A DOCTYPE can only come before the root element; the prolog scan catches it in the
            // first bytes, this catches one placed after a long comment.
            if type == 10 { throw IngestError.doctypeRefused(file: file, part: part) }
            if type == 1 { inProlog = false }
        }
        return type
    }
}
