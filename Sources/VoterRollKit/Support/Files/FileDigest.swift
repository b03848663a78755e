import Crypto
import Foundation

/// Facts about an input file that make a run reproducible and an appeal answerable: which
/// exact bytes were read.
public struct FileDigest: Sendable, Hashable, Codable {
    public var path: String
    public var size: Int
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    /// Reads the file in 1 MiB chunks (memory does not grow with the file).
    public static func of(path: String) throws -> FileDigest {
        // A FIFO would wait for a writer and a device never end, with the run waiting here.
        if let refusal = ByteFile.refusal(path: path) {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: refusal])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        let hex = hasher.finalize().map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()
        return FileDigest(path: path, size: size, sha256: hex)
    }
}
