internal import Foundation
internal import ZIPFoundation

/// One ZIP entry's bytes, inflated by a background thread and pulled by an XML parser.
///
/// ZIPFoundation pushes an entry's bytes into a closure until the entry ends, while the parsers
/// pull bytes when they want more. A thread between them, with a queue of at most `capacity`
/// chunks, joins the two without holding the part in memory, and lets inflating and parsing use
/// both cores. The thread checks the limits as the bytes come: an entry that produces more than
/// it declared is stopped there.
///
/// Every part goes through here, small ones too, for one more reason: ZIPFoundation 0.9.20 spins
/// forever on a deflate stream that has not ended when the file does (its inflate loop retries
/// an empty read), which a crafted archive can arrange. On this thread that is a stall the
/// parser notices (`stallTimeout` without a byte) and reports, instead of a hung program; the
/// spinning thread itself cannot be stopped and ends with the process.
final class XLSXEntryStream: @unchecked Sendable {
    /// Bytes per chunk handed from the thread to the parser.
    static let chunkSize = 64 * 1024
    /// Chunks the thread may run ahead of the parser.
    static let capacity = 4

    let part: String
    let file: String
    private let stallTimeout: TimeInterval

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Data] = []
    private var producerFinished = false
    private var failure: IngestError?
    private var cancelled = false
    // Used by the parser's thread only.
    private var current = Data()
    private var offset = 0
    private var checkedProlog = false

    /// Starts inflating `entry` on a new thread.
    ///
    /// The archive must not be used by anyone else until `waitUntilFinished()` returns:
    /// ZIPFoundation reads through one `FILE *`.
    convenience init(archive: Archive, entry: Entry, part: String, file: String, stallTimeout: TimeInterval) {
        let job = Job(archive: archive, entry: entry)
        self.init(part: part, file: file, stallTimeout: stallTimeout) { stream in
            stream.inflate(job)
        }
    }

    /// Starts `produce` on a new thread: it hands chunks over with `push(_:)` (which returns
    /// false once the parser has cancelled) and returns why it stopped early, if it did.
    init(part: String, file: String, stallTimeout: TimeInterval, produce: @escaping @Sendable (XLSXEntryStream) -> IngestError?) {
        self.part = part
        self.file = file
        self.stallTimeout = stallTimeout
        let thread = Thread { [self] in
            let problem = produce(self)
            condition.lock()
            if failure == nil { failure = problem }
            producerFinished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "voterroll.xlsx-inflate"
        thread.start()
    }

    /// Why the bytes stopped early (a limit, a damaged entry, a DOCTYPE, a stall), if they did.
    var error: IngestError? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Fills `buffer` for a parser: the count, 0 at the end, -1 when the entry failed.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        while offset >= current.count {
            condition.lock()
            var deadline = Date(timeIntervalSinceNow: stallTimeout)
            while queue.isEmpty && !producerFinished && failure == nil {
                if !condition.wait(until: deadline) {
                    guard Date() >= deadline else { continue }
                    failure = IngestError(
                        .malformed, file: file,
                        message: "\(part) stopped producing bytes: its compressed data never ends, so the ZIP is damaged or made to hang readers; re-save the file from Excel or WPS")
                    cancelled = true
                    condition.broadcast()
                }
                deadline = Date(timeIntervalSinceNow: stallTimeout)
            }
            if queue.isEmpty {
                let failed = failure != nil || cancelled
                condition.unlock()
                return failed ? -1 : 0
            }
            current = queue.removeFirst()
            offset = 0
            condition.broadcast()
            condition.unlock()
            if !checkedProlog {
                checkedProlog = true
                if XMLProlog.declaresDoctype(current) {
                    fail(IngestError.doctypeRefused(file: file, part: part))
                    return -1
                }
            }
        }
        let count = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { bytes in
            let start = bytes.startIndex + offset
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]))
        }
        offset += count
        return count
    }

    /// Tells the thread to stop; it does so at its next chunk.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the thread has let go of the archive; false when it has not within the stall
    /// timeout (it is spinning in ZIPFoundation and never will).
    func waitUntilFinished() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: stallTimeout)
        while !producerFinished {
            if !condition.wait(until: deadline), Date() >= deadline { return false }
        }
        return true
    }

    /// Queues a chunk, waiting while the parser is `capacity` chunks behind; false when cancelled.
    func push(_ data: Data) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= XLSXEntryStream.capacity && !cancelled {
            condition.wait()
        }
        guard !cancelled else { return false }
        if !data.isEmpty { queue.append(data) }
        condition.broadcast()
        return true
    }

    private func fail(_ error: IngestError) {
        condition.lock()
        if failure == nil { failure = error }
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Inflating with ZIPFoundation

    /// The archive and entry, handed to the thread that alone uses them until it finishes.
    private final class Job: @unchecked Sendable {
        let archive: Archive
        let entry: Entry
        init(archive: Archive, entry: Entry) {
            self.archive = archive
            self.entry = entry
        }
    }

    private struct Stopped: Error {}

    private func inflate(_ job: Job) -> IngestError? {
        let declared = job.entry.uncompressedSize
        var produced: UInt64 = 0
        var problem: IngestError?
        do {
            let checksum = try job.archive.extract(job.entry, bufferSize: XLSXEntryStream.chunkSize) { data in
                produced += UInt64(data.count)
                if produced > declared {
                    problem = XLSXPackage.overDeclared(part: part, declared: declared, file: file)
                    throw Stopped()
                }
                guard push(data) else { throw Stopped() }
            }
            if checksum != job.entry.checksum {
                problem = XLSXPackage.damaged(part: part, file: file, detail: "its checksum does not match")
            }
        } catch is Stopped {
            // `problem` says why, or the parser cancelled.
        } catch {
            problem = XLSXPackage.damaged(part: part, file: file, detail: "it cannot be inflated")
        }
        return problem
    }
}
