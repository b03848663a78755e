internal import CVoterRoll

/// A streaming XML parser that is fed bytes and calls back as it finds things (libxml2's SAX2).
///
/// `XMLStreamReader` pulls one node at a time and is the reader for everything else; libxml2
/// builds and frees a tree node for each of its nodes, which costs as much as parsing. The cells
/// of an XLSX sheet, millions per register, go through this parser instead: it hands out names,
/// attribute values and text where they lie in libxml2's buffer, in about half the time. Same
/// safety: no network, no DTD, no entity but the five predefined ones, and a DOCTYPE stops it.
/// Owns one libxml2 handle, closed in `deinit`.
///
/// The callbacks are plain C functions given the owner's `context` pointer: the owner (which
/// must outlive the parser) turns it back into itself with `Unmanaged`, so a callback costs no
/// reference counting — a closure or protocol existential here would, millions of times.
final class XMLPushParser {
    /// A start tag: context, local name (NUL-terminated), attribute count, attributes (read them
    /// through `Attributes`).
    typealias StartElement = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?
    ) -> Void
    /// An end tag: context, local name.
    typealias EndElement = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    /// Text, CDATA or whitespace (one text node may come in several calls): context, bytes, count.
    typealias Characters = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, Int32) -> Void

    /// The attributes of one start tag (without namespace, as spreadsheet cells have them).
    struct Attributes {
        private let count: Int
        private let items: UnsafePointer<UnsafePointer<CChar>?>?

        init(count: Int32, items: UnsafePointer<UnsafePointer<CChar>?>?) {
            self.count = Int(count)
            self.items = items
        }

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

    /// A parser calling back with `context`; `name` is used in messages only.
    init(
        name: String, context: UnsafeMutableRawPointer, startElement: StartElement, endElement: EndElement,
        characters: Characters
    ) throws(XMLReaderError) {
        guard let opened = CVoterRoll_xmlPushParserOpen(startElement, endElement, characters, context, name) else {
            throw XMLReaderError(source: name, message: "cannot create an XML parser")
        }
        handle = opened
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
