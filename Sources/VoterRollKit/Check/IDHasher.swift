import Crypto
import Foundation

/// Keyed digests of ID numbers and name match keys, for exchanging lists without handing
/// over identifiers (as ERIC does between US states).
///
/// HMAC-SHA-256 with a key both offices hold: the same person gives the same digest on both
/// sides, and without the key a digest cannot be turned back into an ID number by trying
/// every possible number (there are only about 10¹⁰ plausible ones, so a plain hash could).
public struct IDHasher: Sendable {
    /// Why a key file cannot be used.
    public struct KeyError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The shortest key accepted, in bytes.
    public static let minimumKeyLength = 16

    /// The key's bytes (SymmetricKey is not Sendable; one is made per digest, which is cheap).
    private let keyBytes: [UInt8]

    /// Reads the key file: its bytes, without surrounding white space (a key written as text
    /// with a final newline is the same key as without).
    public init(keyFile path: String) throws(KeyError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyError(path: path, message: "cannot read the key file")
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { bytes.removeLast() }
        while let first = bytes.first, [0x20, 0x09, 0x0A, 0x0D].contains(first) { bytes.removeFirst() }
        guard bytes.count >= IDHasher.minimumKeyLength else {
            throw KeyError(path: path, message: "the key is \(bytes.count) bytes; use at least \(IDHasher.minimumKeyLength) random bytes (e.g. head -c 32 /dev/urandom | base64 > key)")
        }
        keyBytes = bytes
    }

    /// The digest of a canonical 18-character ID number, as 64 lower-case hex digits.
    public func digest(_ id: ResidentID) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(("id:" + id.canonical).utf8), using: SymmetricKey(data: keyBytes)))
    }

    /// The digest of a name's match key (so lists can still catch a wrong number).
    public func digest(nameKey: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(("name:" + nameKey).utf8), using: SymmetricKey(data: keyBytes)))
    }

    private func hex(_ code: HMAC<SHA256>.MAC) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in code {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
