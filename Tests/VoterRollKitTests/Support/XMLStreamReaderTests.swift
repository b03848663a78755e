import Testing

@testable import VoterRollKit

/// Proves the libxml2 reader streams nodes and refuses entity tricks.
@Suite struct XMLStreamReaderTests {
    private func texts(of xml: String) throws -> [String] {
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), name: "test.xml")
        var result: [String] = []
        while try reader.read() {
            if reader.nodeType == .text || reader.nodeType == .cdata, let value = reader.value {
                result.append(value)
            }
        }
        return result
    }

    @Test func readsElementsAttributesAndText() throws {
        let xml = """
            <?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="名单"><Table><Row><Cell ss:Index="2"><Data ss:Type="String">张三</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), name: "test.xml")
        var sheet: String?
        var index: String?
        var text: String?
        while try reader.read() {
            if reader.nodeType == .element, reader.localName == "Worksheet" {
                sheet = reader.attribute("Name", namespace: "urn:schemas-microsoft-com:office:spreadsheet")
                #expect(reader.namespaceURI == "urn:schemas-microsoft-com:office:spreadsheet")
            }
            if reader.nodeType == .element, reader.localName == "Cell" {
                index = reader.attribute("Index", namespace: "urn:schemas-microsoft-com:office:spreadsheet")
            }
            if reader.nodeType == .text { text = reader.value }
        }
        #expect(sheet == "名单")
        #expect(index == "2")
        #expect(text == "张三")
    }

    @Test func internalEntitiesAreNotExpanded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <r>&b;</r>
            """
        let all = try texts(of: xml).joined()
        #expect(!all.contains("AAAAAAAAAA"))
    }

    @Test func externalEntitiesAreNotFetched() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
            <r>&secret;</r>
            """
        // Either the reader stops with an error or it reads on without the file's content;
        // it must never substitute the file.
        let all = (try? texts(of: xml).joined()) ?? ""
        #expect(all.isEmpty)
    }

    @Test func malformedXMLThrowsWithLine() throws {
        #expect(throws: XMLReaderError.self) { _ = try texts(of: "<a>\n<b></a>") }
    }

    @Test func readsThroughACallback() throws {
        let bytes = Array("<a><b>1</b><b>2</b></a>".utf8)
        var position = 0
        let reader = try XMLStreamReader(name: "callback.xml") { buffer in
            // Hand out two bytes at a time to exercise chunked reading.
            let count = min(2, bytes.count - position, buffer.count)
            for index in 0..<count { buffer[index] = bytes[position + index] }
            position += count
            return count
        }
        var values: [String] = []
        while try reader.read() {
            if reader.nodeType == .text, let value = reader.value { values.append(value) }
        }
        #expect(values == ["1", "2"])
    }
}
