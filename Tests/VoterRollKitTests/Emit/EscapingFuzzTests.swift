import Foundation
import Testing

@testable import VoterRollKit

/// Every writer that embeds text from data, fed random Unicode built to break it (combining
/// marks after quotes, `</style>`, `&`, `]]>`, controls, bidi overrides): the document must
/// parse, and the text must come back as written (issue 17, item 5).
@Suite struct EscapingFuzzTests {
    /// Pieces that have broken escapers: a quote with a combining mark is one Character.
    static let pieces: [String] = [
        "\"", "\"\u{301}", "'", "'\u{20DD}", "\\", "<", ">", "&", "&amp;", "&143", "&P", "]]>", "</style>", "</title>",
        "<script>", "--", "\u{301}", "\u{20DD}", "\u{1B}[2J", "\u{1}", "\t", "\n", "\r", "\u{202E}", "\u{200B}",
        "\u{FEFF}", "\u{FFFE}", "\u{85}", "\u{2028}", "_x0041_", "🇨🇳", "👨‍👩‍👧", "第一选区", "张伟", "a", " ", "}", "{", ";",
        "\u{E000}", "\u{10FFFF}", "/*", "*/", "@import", "\u{D7FF}",
    ]

    static func samples(seed: UInt64, count: Int) -> [String] {
        var random = SynthRandom(seed: seed)
        return (0..<count).map { _ in
            (0...random.below(12)).map { _ in pieces[random.below(pieces.count)] }.joined()
        }
    }

    /// What XML 1.0 (and so each page) can hold of `text`, as the writers keep it.
    static func xmlKept(_ text: String, carriageReturn: String = " ") -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: output.append(scalar)
            case 0x0D: output.append(contentsOf: carriageReturn.unicodeScalars)
            case 0x00...0x1F, 0xFFFE, 0xFFFF: continue
            default: output.append(scalar)
            }
        }
        return String(output)
    }

    static func texts(_ xml: String, in element: String) throws -> [String] {
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), name: "fuzz.xml")
        var result: [String] = []
        var inside = false
        var current = ""
        while try reader.read() {
            switch reader.nodeType {
            case .element where reader.localName == element: inside = true; current = ""
            case .endElement where reader.localName == element: inside = false; result.append(current)
            case .text, .cdata, .whitespace, .significantWhitespace: if inside { current += reader.value ?? "" }
            default: break
            }
        }
        return result
    }

    @Test(arguments: 0..<4)
    func htmlTextRoundTrips(seed: UInt64) throws {
        for sample in Self.samples(seed: seed, count: 200) {
            let xml = "<p title=\"" + HTMLText.escape(sample) + "\">" + HTMLText.escape(sample) + "</p>"
            #expect(try Self.texts(xml, in: "p") == [Self.xmlKept(sample)], "\(sample.debugDescription)")
        }
    }

    /// A CSS string's content, escapes undone; nil when a bare quote would end it early.
    static func cssUnescaped(_ text: String) -> String? {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" || scalar == "\n" { return nil }
            guard scalar == "\\" else {
                output.append(scalar)
                index += 1
                continue
            }
            index += 1
            var hex = ""
            while index < scalars.count, hex.count < 6, scalars[index].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
            output.append(decoded)
            if index < scalars.count, scalars[index] == " " { index += 1 }
        }
        return String(output)
    }

    @Test(arguments: 0..<2)
    func publishedPageTitlesRoundTripInHTMLAndCSS(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (number, sample) in Self.samples(seed: seed, count: 60).enumerated() {
            let path = folder.appendingPathComponent("\(number).html").path
            let page = PublishedListPage(title: sample, electionDay: CivilDate(year: 2026, month: 12, day: 1)!, order: .strokes, count: 1)
            try page.write(path: path) { (emit) throws(OutputError) in try emit(1, [sample, "男", "1980.01", sample]) }
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            #expect(try Self.texts(xml, in: "title") == [Self.xmlKept(sample)], "\(sample.debugDescription)")
            #expect(try Self.texts(xml, in: "td").filter { $0 == Self.xmlKept(sample) }.count == 2, "\(sample.debugDescription)")
            let style = try #require(try Self.texts(xml, in: "style").first)
            // Searched by scalar, as a CSS parser reads: a title starting with a combining mark
            // makes one Character of it and the opening quote.
            let scalars = Array(style.unicodeScalars)
            let opening = Array("@top-center { content: \"".unicodeScalars)
            let closing = Array("\"; font-size: 10pt; color: #333; }".unicodeScalars)
            let start = try #require(scalars.indices.first { scalars[$0...].starts(with: opening) }) + opening.count
            let end = try #require(scalars.indices.first { $0 >= start && scalars[$0...].starts(with: closing) })
            let content = String(String.UnicodeScalarView(scalars[start..<end]))
            let kept = String(String.UnicodeScalarView(sample.unicodeScalars.filter { $0.value != 0 && $0.value != 0xFFFE && $0.value != 0xFFFF }))
            #expect(Self.cssUnescaped(content) == kept, "\(sample.debugDescription) → \(content.debugDescription)")
        }
    }

    @Test(arguments: 0..<4)
    func xlsxTextAndHeaderFooterRoundTrip(seed: UInt64) throws {
        for sample in Self.samples(seed: seed, count: 200) {
            let xml = "<t>" + XLSXWriter.escaped(sample) + "</t>"
            let read = try #require(try Self.texts(xml, in: "t").first)
            #expect(Self.ooxmlUnescaped(read) == sample, "\(sample.debugDescription)")
            // In a header or footer every `&` of the text is doubled: no code comes from data.
            let header = XLSXWriter.headerFooterText(sample)
            var decoded = ""
            var scalars = header.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                if scalar == "&" {
                    #expect(scalars.next() == "&", "a code in \(header.debugDescription)")
                }
                decoded.unicodeScalars.append(scalar)
            }
            #expect(decoded == sample)
        }
    }

    /// OOXML's `_xHHHH_` undone, as Excel reads a cell.
    static func ooxmlUnescaped(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if index + 6 < scalars.count, scalars[index] == "_", scalars[index + 1] == "x", scalars[index + 6] == "_",
                let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                output.append(scalar)
                index += 7
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    @Test func aTitleStartingWithADigitKeepsTheHeadersFontSize() {
        #expect(XLSXWriter.headerFooterText("3&4") == "3&&4")
    }
}
