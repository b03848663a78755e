import Foundation
import Testing

@testable import VoterRollKit

/// XML made to attack the parser: external entities and DTDs (never fetched: a tripwire port
/// on 127.0.0.1 sees no connection), a full billion laughs (never expanded), 100,000 nested
/// elements (refused at libxml2's depth limit). Each is tried on both libxml2 wrappers
/// directly — below the readers' DOCTYPE refusal, so libxml2's own settings are what is
/// tested — and through the readers and the tool.
///
/// Covered elsewhere: a DOCTYPE with internal and file entities in SpreadsheetML and in an XLSX
/// sheet is refused (SpreadsheetMLReaderTests.aDoctypeDefiningEntitiesIsRefused,
/// XLSXReaderTests.aDoctypeInAPartIsRefused, and …AfterALongComment… for both); the stream
/// reader does not expand a two-level entity nor read a local file
/// (XMLStreamReaderTests.internalEntitiesAreNotExpanded, …externalEntitiesAreNotFetched).
@Suite struct HostileXMLTests {
    typealias Support = SpreadsheetTestSupport

    static let spreadsheetNamespaces = "xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\""

    /// The three ways XML asks for an external resource, pointed at `tripwire`.
    static func externalDoctypes(_ tripwire: Tripwire) -> [(String, String)] {
        [
            ("external entity", "<!DOCTYPE r [<!ENTITY e SYSTEM \"\(tripwire.url("entity"))\">]>"),
            ("external DTD", "<!DOCTYPE r SYSTEM \"\(tripwire.url("dtd"))\">"),
            ("external parameter entity", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"\(tripwire.url("parameter"))\"> %p;]>"),
        ]
    }

    /// Ten entities, each ten of the one before: 10⁹ "lol"s if expanded.
    static let billionLaughs: String = {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        return "<!DOCTYPE r [\(declarations)]>"
    }()

    static let depth = 100_000

    // MARK: The parsers themselves

    /// Every text node of `xml` read with the stream reader, or the error it stopped with.
    static func streamText(_ xml: String) -> (text: String, error: XMLReaderError?) {
        var text = ""
        do {
            let reader = try XMLStreamReader(bytes: Array(xml.utf8), name: "hostile.xml")
            while try reader.read() {
                if let value = reader.value, reader.nodeType != .documentType { text += value }
            }
            return (text, nil)
        } catch {
            return (text, error)
        }
    }

    /// `xml` fed to the push parser: its status and how many bytes of text it handed out.
    static func push(_ xml: String) throws -> (status: XMLPushParser.Status, textBytes: Int) {
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        defer { counter.deallocate() }
        let parser = try XMLPushParser(
            name: "hostile.xml", context: UnsafeMutableRawPointer(counter), startElement: { _, _, _, _ in }, endElement: { _, _ in },
            characters: { context, _, count in context?.assumingMemoryBound(to: Int.self).pointee += Int(count) })
        let status = Array(xml.utf8).withUnsafeBufferPointer { parser.feed($0, last: true) }
        return (status, counter.pointee)
    }

    @Test func neitherParserFetchesAnExternalEntityOrDTD() throws {
        let tripwire = try Tripwire()
        for (kind, doctype) in Self.externalDoctypes(tripwire) {
            let xml = "<?xml version=\"1.0\"?>\(doctype)<r>&e;</r>"
            let streamed = Self.streamText(xml)
            #expect(streamed.text.isEmpty, "\(kind): \(streamed.text)")
            let pushed = try Self.push(xml)
            #expect(pushed.status == .doctype, "\(kind)")
            #expect(!tripwire.wasTouched, "\(kind): the parser connected to \(tripwire.url(""))")
        }
    }

    @Test func neitherParserExpandsABillionLaughs() throws {
        let xml = "<?xml version=\"1.0\"?>\(Self.billionLaughs)<r>&lol9;</r>"
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let streamed = Self.streamText(xml)
            #expect(!streamed.text.contains("lollol"), "\(streamed.text.prefix(100))")
            let pushed = try Self.push(xml)
            #expect(pushed.status == .doctype)
            #expect(pushed.textBytes < 100)
        }
        #expect(elapsed < .seconds(5))
    }

    /// libxml2's pull reader stops at its depth limit (256); its push parser has none, so the
    /// XLSX sheet reader counts depth itself (see aHundredThousandNestedElements…).
    @Test func theStreamReaderStopsAtLibxml2sDepthLimit() throws {
        let xml = String(repeating: "<a>", count: Self.depth) + "x" + String(repeating: "</a>", count: Self.depth)
        let streamed = Self.streamText(xml)
        #expect(streamed.error?.message.contains("depth") == true, "\(String(describing: streamed.error))")
    }

    // MARK: Through the readers and the tool

    private static func spreadsheetML(_ prolog: String, cell: String) -> String {
        """
        <?xml version="1.0"?>
        \(prolog)<Workbook \(spreadsheetNamespaces)><Worksheet ss:Name="名单"><Table>\
        <Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">公民身份号码</Data></Cell></Row>\
        <Row><Cell><Data ss:Type="String">\(cell)</Data></Cell><Cell><Data ss:Type="String">11010119900307133X</Data></Cell></Row>\
        </Table></Worksheet></Workbook>
        """
    }

    private static func xlsx(sheetCell: String = "张三", sharedString: String = "姓名", prolog: (sheet: String, strings: String) = ("", "")) -> [UInt8] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let sheet = """
            <?xml version="1.0"?>\(prolog.sheet)<worksheet xmlns="\(main)"><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>公民身份号码</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>\(sheetCell)</t></is></c><c r="B2" t="inlineStr"><is><t>11010119900307133X</t></is></c></row>\
            </sheetData></worksheet>
            """
        let strings = "<?xml version=\"1.0\"?>\(prolog.strings)<sst xmlns=\"\(main)\"><si><t>\(sharedString)</t></si></sst>"
        return FuzzHarness.workbook(parts: [Array(sheet.utf8), Array(strings.utf8)])
    }

    @Test func noReaderFetchesAnExternalEntityOrDTD() throws {
        let tripwire = try Tripwire()
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (kind, doctype) in Self.externalDoctypes(tripwire) {
            let xml = try Support.write(Self.spreadsheetML(doctype, cell: "&e;"), name: "external.xml")
            Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
                _ = try Support.readAll(SpreadsheetMLReader(path: xml, file: "external.xml"))
            }
            for inSheet in [true, false] {
                let book = try Support.write(
                    Self.xlsx(sheetCell: inSheet ? "&e;" : "张三", sharedString: inSheet ? "姓名" : "&e;", prolog: inSheet ? (doctype, "") : ("", doctype)),
                    name: "external.xlsx")
                Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
                    _ = try Support.readAll(XLSXReader(path: book, file: "external.xlsx"))
                }
            }
            #expect(!tripwire.wasTouched, "\(kind): a reader connected to \(tripwire.url(""))")
        }
        let run = try ToolMeasurement.check(
            Support.write(Self.spreadsheetML(Self.externalDoctypes(tripwire)[1].1, cell: "张三"), name: "dtd.xml"), in: directory,
            label: "SpreadsheetML, external DTD")
        #expect(run.status == 3)
        #expect(run.stderr.contains("DOCTYPE"), "\(run.stderr)")
        #expect(!tripwire.wasTouched)
    }

    @Test func aBillionLaughsIsRefusedByEveryReaderAndTheTool() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = try Support.write(Self.spreadsheetML(Self.billionLaughs, cell: "&lol9;"), name: "laughs.xml")
        Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: xml, file: "laughs.xml"))
        }
        for inSheet in [true, false] {
            let book = try Support.write(
                Self.xlsx(
                    sheetCell: inSheet ? "&lol9;" : "张三", sharedString: inSheet ? "姓名" : "&lol9;",
                    prolog: inSheet ? (Self.billionLaughs, "") : ("", Self.billionLaughs)),
                name: "laughs.xlsx")
            Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
                _ = try Support.readAll(XLSXReader(path: book, file: "laughs.xlsx"))
            }
        }
        for (name, path) in [("SpreadsheetML", xml), ("XLSX", try Support.write(Self.xlsx(sheetCell: "&lol9;", prolog: (Self.billionLaughs, "")), name: "laughs2.xlsx"))] {
            let run = try ToolMeasurement.check(path, in: directory, label: "\(name), billion laughs")
            #expect(run.status == 3)
            #expect(run.stderr.contains("DOCTYPE"), "\(run.stderr)")
            run.expectWithin(seconds: 20, mebibytes: 200)
        }
    }

    @Test func aHundredThousandNestedElementsAreDamagedXMLForEveryReaderAndTheTool() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nested = String(repeating: "<B>", count: Self.depth) + "张三" + String(repeating: "</B>", count: Self.depth)
        let xml = try Support.write(Self.spreadsheetML("", cell: nested), name: "deep.xml")
        Support.expectIngestError(.malformed, containing: "depth") { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: xml, file: "deep.xml"))
        }
        let runs = String(repeating: "<r>", count: Self.depth) + "张三" + String(repeating: "</r>", count: Self.depth)
        let deepSheet = try Support.write(Self.xlsx(sheetCell: runs), name: "deep-sheet.xlsx")
        Support.expectIngestError(.malformed, containing: "depth") { () throws(IngestError) in
            _ = try Support.readAll(XLSXReader(path: deepSheet, file: "deep-sheet.xlsx"))
        }
        let deepStrings = try Support.write(Self.xlsx(sharedString: runs), name: "deep-strings.xlsx")
        Support.expectIngestError(.malformed, containing: "depth") { () throws(IngestError) in
            _ = try Support.readAll(XLSXReader(path: deepStrings, file: "deep-strings.xlsx"))
        }
        for (name, path) in [("SpreadsheetML", xml), ("XLSX sheet", deepSheet), ("XLSX shared strings", deepStrings)] {
            let run = try ToolMeasurement.check(path, in: directory, label: "\(name), 100,000 nested elements")
            #expect(run.status == 3)
            #expect(run.stderr.contains("damaged"), "\(run.stderr)")
            run.expectWithin(seconds: 20, mebibytes: 200)
        }
    }
}
