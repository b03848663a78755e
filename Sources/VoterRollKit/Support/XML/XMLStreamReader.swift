internal import CVoterRoll

/// Why an XML document could not be read.
struct XMLReaderError: Error, CustomStringConvertible, Sendable {
    let source: String
    let message: String
    var description: String { "\(source): \(message)" }
}

/// A streaming XML reader over libxml2's xmlTextReader.
///
/// Memory does not grow with the document: one node at a time. Opened with XML_PARSE_NONET,
/// without DTD loading or entity substitution, and external entities are refused, so a hostile
/// spreadsheet can neither reach the network nor read local files nor expand entities.
/// Owns one libxml2 handle, closed in `deinit`.
final class XMLStreamReader {
    /// libxml2's xmlReaderTypes.
    enum NodeType: Int32, Sendable {
        case none = 0
        case element = 1
        case attribute = 2
        case text = 3
        case cdata = 4
        case entityReference = 5
        case entity = 6
        case processingInstruction = 7
        case comment = 8
        case document = 9
        case documentType = 10
        case documentFragment = 11
        case notation = 12
        case whitespace = 13
        case significantWhitespace = 14
        case endElement = 15
        case endEntity = 16
        case xmlDeclaration = 17
    }

    /// Supplies bytes to the parser: fills the buffer, returns the count, 0 at end, -1 on error.
    typealias ReadFunction = (UnsafeMutableBufferPointer<UInt8>) -> Int

    private final class ReadBox {
        let read: ReadFunction
        init(read: @escaping ReadFunction) { self.read = read }
    }

    private let handle: OpaquePointer
    private let source: String
    private let ownedBytes: UnsafeMutableBufferPointer<UInt8>?
    private let readBox: ReadBox?

    /// Reads a file from disk.
    init(path: String) throws(XMLReaderError) {
        guard let opened = CVoterRoll_xmlReaderOpenFile(path) else {
            throw XMLReaderError(source: path, message: "cannot open the file as XML")
        }
        handle = opened
        source = path
        ownedBytes = nil
        readBox = nil
    }

    /// Reads a document held in memory (copied, so the caller's buffer may go).
    init(bytes: [UInt8], name: String) throws(XMLReaderError) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = copy.initialize(from: bytes)
        guard let opened = CVoterRoll_xmlReaderOpenMemory(copy.baseAddress, Int32(clamping: bytes.count), name) else {
            copy.deallocate()
            throw XMLReaderError(source: name, message: "cannot open the data as XML")
        }
        handle = opened
        source = name
        ownedBytes = copy
        readBox = nil
    }

    /// Reads a document pulled chunk by chunk (e.g. from a ZIP entry).
    init(name: String, read: @escaping ReadFunction) throws(XMLReaderError) {
        let box = ReadBox(read: read)
        let callback: CVoterRoll_XMLReadCallback = { context, buffer, length in
            guard let context, let buffer else { return -1 }
            let box = Unmanaged<ReadBox>.fromOpaque(context).takeUnretainedValue()
            return Int32(clamping: box.read(UnsafeMutableBufferPointer(start: buffer, count: Int(length))))
        }
        guard let opened = CVoterRoll_xmlReaderOpenCallback(callback, Unmanaged.passUnretained(box).toOpaque(), name) else {
            throw XMLReaderError(source: name, message: "cannot open the data as XML")
        }
        handle = opened
        source = name
        ownedBytes = nil
        readBox = box
    }

    deinit {
        CVoterRoll_xmlReaderClose(handle)
        ownedBytes?.deallocate()
    }

    /// Moves to the next node; false at the end of the document.
    func read() throws(XMLReaderError) -> Bool {
        let result = CVoterRoll_xmlReaderRead(handle)
        if result < 0 {
            throw XMLReaderError(source: source, message: errorMessage ?? "malformed XML")
        }
        return result == 1
    }

    var nodeType: NodeType { NodeType(rawValue: CVoterRoll_xmlReaderNodeType(handle)) ?? .none }
    var depth: Int { Int(CVoterRoll_xmlReaderDepth(handle)) }
    var isEmptyElement: Bool { CVoterRoll_xmlReaderIsEmptyElement(handle) == 1 }
    var line: Int { Int(CVoterRoll_xmlReaderLine(handle)) }

    var localName: String {
        CVoterRoll_xmlReaderLocalName(handle).map { String(cString: $0) } ?? ""
    }

    var namespaceURI: String? {
        CVoterRoll_xmlReaderNamespaceURI(handle).map { String(cString: $0) }
    }

    /// The text of a text, CDATA or whitespace node.
    var value: String? {
        CVoterRoll_xmlReaderValue(handle).map { String(cString: $0) }
    }

    /// The current element's attribute, by local name and namespace URI (nil: no namespace).
    func attribute(_ localName: String, namespace: String? = nil) -> String? {
        guard let pointer = CVoterRoll_xmlReaderAttribute(handle, localName, namespace) else { return nil }
        defer { CVoterRoll_free(pointer) }
        return String(cString: pointer)
    }

    // MARK: Borrowed access for hot loops
    //
    // The spreadsheet readers look at several nodes and attributes per cell; making a String for
    // each name and attribute would cost more than libxml2's parsing. These hand out libxml2's
    // own bytes for the length of a closure instead.

    /// Moves to the next node and returns its type number, every kind of text as 3 (text, CDATA
    /// and whitespace alike); nil at the end of the document.
    func readNode() throws(XMLReaderError) -> Int32? {
        let type = CVoterRoll_xmlReaderReadNode(handle)
        if type < 0 {
            throw XMLReaderError(source: source, message: errorMessage ?? "malformed XML")
        }
        return type == 0 ? nil : type
    }

    /// Whether the current node's local name is `name`.
    func localNameIs(_ name: StaticString) -> Bool {
        guard let pointer = CVoterRoll_xmlReaderLocalName(handle) else { return false }
        return Self.equal(pointer, name)
    }

    /// Calls `body` with the current node's local name (empty when it has none).
    func withLocalName<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let pointer = CVoterRoll_xmlReaderLocalName(handle) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return Self.withBytes(pointer, body)
    }

    /// Calls `body` with the current text node's bytes; nil when the node has no value.
    func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let pointer = CVoterRoll_xmlReaderValue(handle) else { return nil }
        return Self.withBytes(pointer, body)
    }

    /// Calls `body` with the current element's attribute (by local name and namespace URI; nil:
    /// no namespace); nil when the element has no such attribute.
    func withAttribute<R>(
        _ localName: StaticString, namespace: StaticString? = nil,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        let name = UnsafeRawPointer(localName.utf8Start).assumingMemoryBound(to: CChar.self)
        let uri = namespace.map { UnsafeRawPointer($0.utf8Start).assumingMemoryBound(to: CChar.self) }
        guard let pointer = CVoterRoll_xmlReaderConstAttribute(handle, name, uri) else { return nil }
        return Self.withBytes(pointer, body)
    }

    private static func withBytes<R>(
        _ pointer: UnsafePointer<CChar>, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        var length = 0
        while pointer[length] != 0 { length += 1 }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    private static func equal(_ pointer: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
        let expected = name.utf8Start
        let count = name.utf8CodeUnitCount
        for index in 0..<count where UInt8(bitPattern: pointer[index]) != expected[index] {
            return false
        }
        return pointer[count] == 0
    }

    /// The first error libxml2 reported, if any.
    var errorMessage: String? {
        CVoterRoll_xmlReaderError(handle).map { String(cString: $0) }
    }
}
