internal import Foundation
internal import ZIPFoundation

/// One ZIP entry's bytes, inflated by a background thread and pulled by the XML parser.
///
/// ZIPFoundation pushes an entry's bytes into a closure until the entry ends, while libxml2's
/// reader pulls bytes when it wants more. A thread between them, with a queue of at most
/// `capacity` chunks, joins the two without holding the sheet in memory, and lets inflating and
/// parsing use both cores. The thread checks the limits as the bytes come: an entry that
/// produces more than it declared is stopped there.
final class XLSXEntryStream: @unchecked Sendable {
    /// Bytes per chunk handed from the thread to the parser.
    static let chunkSize = 64 * 1024
    /// Chunks the thread may run ahead of the parser.
    static let capacity = 4

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
    private var prologFailure: IngestError?
    private let part: String
    private let file: String

    /// Starts inflating `entry` on a new thread.
    ///
    /// The archive must not be used by anyone else until `waitUntilFinished()` returns:
    /// ZIPFoundation reads through one `FILE *`.
    init(archive: Archive, entry: Entry, part: String, file: String) {
        self.part = part
        self.file = file
        let job = Job(archive: archive, entry: entry)
        let thread = Thread { [self] in
            self.produce(job, part: part, file: file)
        }
        thread.name = "voterroll.xlsx-inflate"
        thread.start()
    }

    /// The error that stopped the thread, if any (a limit, a damaged entry).
    var error: IngestError? {
        if let prologFailure { return prologFailure }
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Fills `buffer` for the XML parser: the count, 0 at the end, -1 when the entry failed.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        while offset >= current.count {
            condition.lock()
            while queue.isEmpty && !producerFinished && !cancelled {
                condition.wait()
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
                    prologFailure = IngestError.doctypeRefused(file: file, part: part)
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

    /// Waits until the thread has let go of the archive.
    func waitUntilFinished() {
        condition.lock()
        while !producerFinished { condition.wait() }
        condition.unlock()
    }

    // MARK: The inflating thread

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

    private func produce(_ job: Job, part: String, file: String) {
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
        condition.lock()
        failure = problem
        producerFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a chunk, waiting while the parser is `capacity` chunks behind; false when cancelled.
    private func push(_ data: Data) -> Bool {
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
}
