import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import VoterRollServer

/// The multipart/form-data parser at its boundaries: a boundary is one only at a line's start.
@Suite struct MultipartTests {
    static let boundary = "XyZ"

    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func fieldsAndFilesAreSplit() throws {
        let form = try Multipart(
            body: Self.body("--XyZ\r\nContent-Disposition: form-data; name=\"election_day\"\r\n\r\n2026-05-20\r\n--XyZ\r\nContent-Disposition: form-data; name=\"roll\"; filename=\"a;b \\\"x\\\".csv\"\r\nContent-Type: text/csv\r\n\r\n姓名,身份证号\r\n张三,1\r\n--XyZ--\r\n"),
            boundary: Self.boundary)
        #expect(form.parts.count == 2)
        #expect(form.parts[0] == .init(name: "election_day", filename: nil, body: Array("2026-05-20".utf8)))
        #expect(form.parts[1].name == "roll")
        #expect(form.parts[1].filename == "a;b \"x\".csv")
        #expect(form.parts[1].text == "姓名,身份证号\r\n张三,1")
    }

    @Test(arguments: [
        // The boundary's text mid-line, and "--XyZ" after a bare LF, are content.
        "a --XyZ b",
        "line\n--XyZ not a boundary",
        "\r\n\r\n",
        "--XyZ",
        "",
    ])
    func contentThatLooksLikeABoundaryIsKept(content: String) throws {
        let form = try Multipart(
            body: Self.body("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n\r\n\(content)\r\n--XyZ--"),
            boundary: Self.boundary)
        #expect(form.parts.map(\.text) == [content])
    }

    @Test func aPreambleIsSkipped() throws {
        let form = try Multipart(body: Self.body("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--"), boundary: Self.boundary)
        #expect(form.parts.map(\.text) == ["1"])
    }

    @Test(arguments: [
        "no boundary at all",
        // Cut off inside a part: no closing boundary.
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
        // Headers that never end.
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n",
        // A part with no name.
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
        // A delimiter followed by something other than a line break or "--".
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZabc",
        // A body that stops right after a delimiter.
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
    ])
    func malformedBodiesAreRefused(text: String) {
        #expect(throws: Multipart.Failure.self) { try Multipart(body: Self.body(text), boundary: Self.boundary) }
    }

    @Test(arguments: [
        ("multipart/form-data; boundary=abc", "abc"),
        ("multipart/form-data; boundary=\"a b;c\"", "a b;c"),
        ("Multipart/Form-Data;charset=utf-8; Boundary=q", "q"),
        ("application/json", nil),
        ("multipart/form-data", nil),
        ("multipart/form-data; boundary=" + String(repeating: "x", count: 71), nil),
    ] as [(String, String?)])
    func theBoundaryIsReadFromTheContentType(header: String, boundary: String?) {
        #expect(Multipart.boundary(contentType: header) == boundary)
    }
}

/// The body's limit holds while it is read, for a body that does not say its length.
@Suite struct BodyLimitTests {
    /// Chunks of 1,000 bytes, counting how many were asked for.
    final class Counter: @unchecked Sendable {
        var chunks = 0
    }

    static func request(chunks: Int, counter: Counter) -> Request {
        let stream = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<chunks { continuation.yield(ByteBuffer(bytes: Array(repeating: UInt8(ascii: "a"), count: 1000))) }
            continuation.finish()
        }.map { buffer -> ByteBuffer in
            counter.chunks += 1
            return buffer
        }
        return Request(
            head: HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/"),
            body: RequestBody(asyncSequence: stream))
    }

    @Test func readingStopsAtTheFirstChunkPastTheLimit() async throws {
        let counter = Counter()
        let error = await #expect(throws: HTTPError.self) {
            _ = try await VoterRollServer.readBody(Self.request(chunks: 1000, counter: counter), limit: 5500)
        }
        #expect(error?.status == .contentTooLarge)
        // Five chunks fit within 5,500 bytes; the sixth is refused, and nothing after it is read.
        #expect(counter.chunks == 6)
        let fits = Counter()
        let bytes = try await VoterRollServer.readBody(Self.request(chunks: 5, counter: fits), limit: 5500)
        #expect(bytes.count == 5000)
    }
}
