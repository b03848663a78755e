import Foundation
import Testing

@testable import VoterRollKit

/// The digests are a format two offices exchange: pinned against an independent HMAC-SHA-256
/// (Python's hmac module) so a change of library or encoding cannot silently break matching.
@Suite struct IDHasherTests {
    private func hasher(_ key: String) throws -> IDHasher {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try key.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try IDHasher(keyFile: url.path)
    }

    @Test func digestsMatchAnIndependentHMAC() throws {
        // A trailing newline in the key file is not part of the key.
        let hasher = try hasher("c2hhcmVkLWNvdW50eS1rZXktZm9yLXRlc3Rz\n")
        let id = try #require(ResidentID(canonical: "11010519491231002X"))
        #expect(hasher.digest(id) == "85e01463761e0cc4e5161abce6fec50d6f26768940fd3ac064fa380ae080fe25")
        #expect(hasher.digest(nameKey: "张三") == "0daaedd10391526349e535f928c304e2e9d66fb3d6a627e03550907b25b13e67")
    }

    @Test func theSamePersonWrittenDifferentlyGivesTheSameDigest() throws {
        let hasher = try hasher("c2hhcmVkLWNvdW50eS1rZXktZm9yLXRlc3Rz")
        let plain = try #require(ResidentID.parse("610104196209276908").id)
        let legacy = try #require(ResidentID.parse("610104620927690").id)
        #expect(hasher.digest(plain) == hasher.digest(legacy))
    }

    @Test func aShortKeyIsRefused() {
        #expect(throws: IDHasher.KeyError.self) { _ = try hasher("too short") }
    }
}
