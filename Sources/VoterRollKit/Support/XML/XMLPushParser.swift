internal import CVoterRoll

/// What an `XMLPushParser` finds, handed over as libxml2's own bytes for the length of each call.
protocol XMLPushHandler: AnyObject {
    /// A start tag: its local name (NUL-terminated) and attributes.
    func startElement(_ name: UnsafePointer<CChar>, _ attributes: XMLPushParser.Attributes)
    func endElement(_ name: UnsafePointer<CChar>)
    /// Text, CDATA or whitespace; one text node may come in several calls.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// A streaming XML parser that is fed bytes and calls a handler back (libxml2's SAX2).
///
/// `XMLStreamReader` pulls one node at a time and is the reader for everything else; libxml2
/// builds and frees a tree node for each of its nodes, which costs as much as parsing. The cells
/// of an XLSX sheet, millions per register, go through this parser instead: it hands out names,
/// attribute values and text where they lie in libxml2's buffer, in about half the time. Same
/// safety: no network, no DTD, no entity but the five predefined ones, and a DOCTYPE stops it.
/// Owns one libxml2 handle, closed in `deinit`.
final class XMLPushParser {
    /// The attributes of one start tag (without namespace, as spreadsheet cells have them).
    struct Attributes {
        fileprivate let count: Int
        fileprivate let items: UnsafePointer<UnsafePointer<CChar>?>?

        /// Calls `body` with the value of the attribute `localName` in no namespace; nil when absent.
        func withValue<R>(_ localName: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            guard let items else { return nil }
            for index in 0..<count {
                let base = index * 5
                guard items[base + 2] == nil, let name = items[base], XMLPushParser.equal(name, localName),
                    let start = items[base + 3], let end = items[base + 4]
                else { continue }
                return start.withMemoryRebound(to: UInt8.self, capacity: end - start) {
                    body(UnsafeBufferPointer(start: $0, count: end - start))
                }
            }
            return nil
        }
    }

    /// How feeding went.
    enum Status: Equatable {
        case parsed
        /// Not well-formed: libxml2's message, "line N: …".
        case malformed(String)
        /// The document declares a DOCTYPE, which is refused.
        case doctype
    }

    private let handle: OpaquePointer
    private unowned(unsafe) let handler: any XMLPushHandler

    /// A parser calling back `handler`, which must outlive it; `name` is used in messages only.
    init(name: String, handler: any XMLPushHandler) throws(XMLReaderError) {
        self.handler = handler
        let start: CVoterRoll_XMLStartElement = { context, name, count, attributes in
            guard let context, let name else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.handler.startElement(name, Attributes(count: Int(count), items: attributes))
        }
        let end: CVoterRoll_XMLEndElement = { context, name in
            guard let context, let name else { return }
            Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue().handler.endElement(name)
        }
        let characters: CVoterRoll_XMLCharacters = { context, bytes, length in
            guard let context, let bytes else { return }
            Unmanaged<XMLPushParser>.fromOpaque(context).takeUnretainedValue().handler
                .characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        // Callbacks get `self` as their context, set once `self` is complete.
        guard let opened = CVoterRoll_xmlPushParserOpen(start, end, characters, nil, name) else {
            throw XMLReaderError(source: name, message: "cannot create an XML parser")
        }
        handle = opened
        CVoterRoll_xmlPushParserSetContext(handle, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        CVoterRoll_xmlPushParserClose(handle)
    }

    /// Parses the next bytes; `last` after the final ones (which may be none).
    func feed(_ bytes: UnsafeBufferPointer<UInt8>, last: Bool) -> Status {
        switch CVoterRoll_xmlPushParserFeed(handle, bytes.baseAddress, Int32(clamping: bytes.count), last ? 1 : 0) {
        case 0: return .parsed
        case 2: return .doctype
        default:
            return .malformed(CVoterRoll_xmlPushParserError(handle).map { String(cString: $0) } ?? "malformed XML")
        }
    }

    /// Stops parsing from inside a callback (the handler keeps its own reason).
    func stop() {
        CVoterRoll_xmlPushParserStop(handle)
    }

    /// The line the parser has reached.
    var line: Int { Int(CVoterRoll_xmlPushParserLine(handle)) }

    /// Whether a NUL-terminated name is `expected`.
    static func equal(_ name: UnsafePointer<CChar>, _ expected: StaticString) -> Bool {
        let bytes = expected.utf8Start
        let count = expected.utf8CodeUnitCount
        for index in 0..<count where UInt8(bitPattern: name[index]) != bytes[index] {
            return false
        }
        return name[count] == 0
    }
}
