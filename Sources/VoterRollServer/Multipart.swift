import Foundation

/// A multipart/form-data body (RFC 7578) split into its parts: the new-run form's fields and
/// files. Hummingbird 2 has no parser of its own.
///
/// The body is read whole but never past its limit (`UploadLimits`): `RunUpload` stops reading
/// at the first byte over it, so nothing of an over-large upload is stored. Parsing works on the
/// bytes read; a boundary is only recognised at the start of a line, as the RFC says, so a file
/// holding the boundary's text mid-line (or `--` at a line's start) is read whole.
struct Multipart: Sendable {
    struct Part: Sendable, Equatable {
        /// The form field's name (`roll`, `deprived`, `election_day`…).
        var name: String
        /// The file name the browser sent, for a file; nil for a plain field.
        var filename: String?
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error, Equatable {
        case noBoundary
        case malformed(String)
    }

    var parts: [Part]

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header value.
    static func boundary(contentType: String) -> String? {
        guard let kind = contentType.split(separator: ";").first, kind.trimmingCharacters(in: .whitespaces).lowercased() == "multipart/form-data",
            let start = contentType.range(of: "boundary=", options: .caseInsensitive)
        else { return nil }
        var value = contentType[start.upperBound...]
        if value.first == "\"" {
            value = value.dropFirst()
            guard let end = value.firstIndex(of: "\"") else { return nil }
            value = value[..<end]
        } else {
            value = value.prefix { $0 != ";" && $0 != " " }
        }
        // RFC 2046: 1 to 70 characters.
        guard (1...70).contains(value.utf8.count) else { return nil }
        return String(value)
    }

    init(parts: [Part]) {
        self.parts = parts
    }

    /// Splits `body` at `boundary`.
    init(body: [UInt8], boundary: String) throws(Failure) {
        let delimiter = Array("--\(boundary)".utf8)
        // The first delimiter may open the body; every later one starts a line.
        var position: Int
        if body.starts(with: delimiter) {
            position = delimiter.count
        } else if let found = Self.find(Array("\r\n".utf8) + delimiter, in: body, from: 0) {
            position = found + 2 + delimiter.count
        } else {
            throw .malformed("no opening boundary")
        }
        let lineDelimiter = Array("\r\n".utf8) + delimiter
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body; otherwise optional whitespace and CRLF.
            if body[position...].starts(with: Array("--".utf8)) { break }
            while position < body.count, body[position] == UInt8(ascii: " ") || body[position] == UInt8(ascii: "\t") { position += 1 }
            guard body[position...].starts(with: Array("\r\n".utf8)) else { throw .malformed("a boundary not followed by a line break") }
            position += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: position) else {
                throw .malformed("a part without the end of its headers")
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find(lineDelimiter, in: body, from: contentStart) else {
                throw .malformed("the body ends inside a part (no closing boundary)")
            }
            let (name, filename) = try Self.disposition(headers)
            parts.append(Part(name: name, filename: filename, body: Array(body[contentStart..<next])))
            position = next + lineDelimiter.count
            guard position < body.count else { throw .malformed("the body ends after a boundary") }
        }
        self.parts = parts
    }

    /// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
    private static func disposition(_ headers: String) throws(Failure) -> (String, String?) {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?
            var filename: String?
            for parameter in Self.parameters(String(pair[1])) {
                switch parameter.key.lowercased() {
                case "name": name = parameter.value
                case "filename": filename = parameter.value
                default: break
                }
            }
            guard let name else { throw .malformed("a part without a name") }
            return (name, filename)
        }
        throw .malformed("a part without Content-Disposition")
    }

    /// `form-data; name="a"; filename="b;c.csv"`: quoted values may hold `;` and `\"`.
    private static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var characters = Substring(text)
        while !characters.isEmpty {
            characters = characters.drop { $0 == ";" || $0 == " " || $0 == "\t" }
            let key = characters.prefix { $0 != "=" && $0 != ";" }
            characters = characters.dropFirst(key.count)
            guard characters.first == "=" else { continue }
            characters = characters.dropFirst()
            var value = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                while let character = characters.first, character != "\"" {
                    characters = characters.dropFirst()
                    if character == "\\", let escaped = characters.first {
                        value.append(escaped)
                        characters = characters.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                characters = characters.dropFirst()
            } else {
                value = String(characters.prefix { $0 != ";" })
                characters = characters.dropFirst(value.count)
            }
            result.append((key.trimmingCharacters(in: .whitespaces), value))
        }
        return result
    }

    /// The index of the first `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
