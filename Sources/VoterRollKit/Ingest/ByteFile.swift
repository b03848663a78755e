import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading in chunks, owning its descriptor (closed in `deinit`).
///
/// POSIX rather than Foundation: the CSV reader pulls 80 MB through this, and a failure must
/// become an `IngestError` that names the file and says what is wrong in words.
final class ByteFile {
    private let descriptor: Int32
    /// The file as the user named it.
    let file: String
    /// Its size when opened.
    let size: Int

    /// Opens `path`; `file` is how messages name it.
    init(path: String, file: String) throws(IngestError) {
        self.file = file
        try ByteFile.requireRegularFile(path: path, file: file)
        // O_NONBLOCK: should a FIFO take the file's place after the check, opening it for
        // reading still does not wait for a writer; a regular file ignores the flag.
        let opened = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard opened >= 0 else {
            throw IngestError(.unreadable, file: file, message: ByteFile.reason(errno, opening: true))
        }
        let end = lseek(opened, 0, SEEK_END)
        guard end >= 0, lseek(opened, 0, SEEK_SET) == 0 else {
            let reason = ByteFile.reason(errno, opening: true)
            close(opened)
            throw IngestError(.unreadable, file: file, message: reason)
        }
        descriptor = opened
        size = Int(end)
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` as far as the file allows; returns the count (less than the buffer's
    /// size only at the end of the file).
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let count = read(descriptor, base + filled, buffer.count - filled)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError(.unreadable, file: file, message: ByteFile.reason(errno, opening: false))
            }
            filled += count
        }
        return filled
    }

    /// Reads up to `count` bytes into a new array (shorter only at the end of the file).
    func bytes(upTo count: Int) throws(IngestError) -> [UInt8] {
        // Not zeroed first: the encoding is sniffed on up to 4 MiB, and zeroing that much cost a
        // small file (a list, a fuzz input) more than reading it; only the pages read are touched.
        // The closure cannot throw typed, so the error is carried out by hand.
        var failure: IngestError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(IngestError) {
                initialized = try fill(UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Throws unless `path` names a regular file (a link to one is fine): a FIFO, a device, a
    /// socket or a folder is refused before it is opened, so nothing waits on it.
    static func requireRegularFile(path: String, file: String) throws(IngestError) {
        if let refusal = refusal(path: path) {
            throw IngestError(.unreadable, file: file, message: refusal)
        }
    }

    /// Why the file at `path` is not read, or nil for a regular file (or one that does not
    /// exist, which `open` then names). Foundation's attributes rather than `stat`: several
    /// Linux modules declare `struct stat`, and which one a build picks varies.
    static func refusal(path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType else {
            return nil
        }
        switch type {
        case .typeRegular: return nil
        case .typeDirectory: return "is a directory, not a spreadsheet file"
        case .typeSocket: return "is a socket, not a file; VoterRoll reads only regular files"
        case .typeCharacterSpecial, .typeBlockSpecial: return "is a device, not a file; VoterRoll reads only regular files"
        default:
            return "is a pipe (FIFO) or another special file, not a regular file; VoterRoll reads only regular files: save the data to a file"
        }
    }

    private static func reason(_ code: Int32, opening: Bool) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied; check that you may read this file"
        case EISDIR: "is a directory, not a spreadsheet file"
        case ENOTDIR: "a folder in this path is not a folder"
        default:
            (opening ? "cannot open: " : "cannot read: ") + String(cString: strerror(code))
        }
    }
}
