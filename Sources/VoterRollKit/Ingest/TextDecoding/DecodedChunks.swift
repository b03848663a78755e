internal import Foundation
internal import Synchronization

/// A file's text as UTF-8, chunk by chunk: decoded when the reader asks, or, for a large file,
/// on a second thread that keeps a few chunks ahead of it.
///
/// Decoding GB18030 is a sixth of the work of reading a register; on its own thread it overlaps
/// with splitting records and making cells, so reading a 100 MB register takes the time of the
/// slower of the two rather than of both. Small files (the lists, most registers of one
/// township) are not worth a thread and are decoded in line.
///
/// Either way the reader sees the same thing: `next(into:marks:)` appends the next chunk's
/// UTF-8 to its buffer and the chunk's marks, indexed in that buffer, exactly as
/// `TextDecoder.decodeChunk` does.
final class DecodedChunks {
    /// Files at least this large are decoded ahead on a second thread.
    static let readAheadMinimumBytes = 8 << 20

    /// Decoding threads alive (tests check that a reader given up early stops its thread).
    private static let running = Mutex(0)
    static var threadsRunning: Int { running.withLock { $0 } }

    private let decoder: TextDecoder
    private let readAhead: ReadAhead?
    /// True once the last chunk has been handed to the reader.
    private(set) var isAtEnd: Bool

    /// Takes over `decoder`; `readAhead` forces the thread on or off (tests), else the file's
    /// size decides.
    init(decoder: TextDecoder, fileSize: Int, readAhead: Bool? = nil) {
        self.decoder = decoder
        isAtEnd = decoder.isAtEnd
        if !decoder.isAtEnd, readAhead ?? (fileSize >= DecodedChunks.readAheadMinimumBytes) {
            self.readAhead = ReadAhead(decoder: decoder)
        } else {
            self.readAhead = nil
        }
    }

    deinit {
        readAhead?.cancel()
    }

    /// Appends the next chunk's UTF-8 to `output`, and its marks, indexed in `output`.
    func next(into output: inout [UInt8], marks: inout [TextDecoder.Mark]) throws(IngestError) {
        guard !isAtEnd else { return }
        guard let readAhead else {
            try decoder.decodeChunk(into: &output, marks: &marks)
            isAtEnd = decoder.isAtEnd
            return
        }
        guard var chunk = try readAhead.take() else {
            isAtEnd = true
            return
        }
        let base = output.count
        output.append(contentsOf: chunk.text)
        for var mark in chunk.marks {
            mark.index += base
            marks.append(mark)
        }
        isAtEnd = chunk.isLast
        readAhead.recycle(&chunk.text)
    }

    /// One decoded chunk, with its marks indexed in its own text.
    struct Chunk {
        var text: [UInt8]
        var marks: [TextDecoder.Mark]
        var isLast: Bool
    }

    /// The thread that decodes ahead, and the queue between it and the reader.
    ///
    /// The decoder is used by the thread alone once it has started. Spent buffers come back
    /// to the thread for the next chunks, so that a 100 MB file does not cost a hundred fresh
    /// megabytes of page faults.
    private final class ReadAhead: @unchecked Sendable {
        /// Chunks the thread may run ahead of the reader.
        static let capacity = 3

        private let condition = NSCondition()
        // Guarded by `condition`.
        private var queue: [Chunk] = []
        private var spare: [[UInt8]] = []
        private var failure: IngestError?
        private var finished = false
        private var cancelled = false

        init(decoder: TextDecoder) {
            let job = Job(decoder: decoder)
            DecodedChunks.running.withLock { $0 += 1 }
            let thread = Thread { [self] in
                run(job.decoder)
                DecodedChunks.running.withLock { $0 -= 1 }
            }
            thread.name = "voterroll.csv-decode"
            thread.start()
        }

        /// The next chunk, nil once the last has been taken; throws what stopped decoding.
        func take() throws(IngestError) -> Chunk? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !finished {
                condition.wait()
            }
            if !queue.isEmpty {
                condition.broadcast()
                return queue.removeFirst()
            }
            if let failure { throw failure }
            return nil
        }

        /// Hands a spent buffer back to the thread.
        func recycle(_ text: inout [UInt8]) {
            text.removeAll(keepingCapacity: true)
            condition.lock()
            if spare.count < ReadAhead.capacity + 1 { spare.append(text) }
            condition.unlock()
            text = []
        }

        /// Tells the thread to stop at its next chunk (the reader was dropped before the end).
        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        /// The decoder, handed to the thread that alone uses it from then on.
        private final class Job: @unchecked Sendable {
            let decoder: TextDecoder
            init(decoder: TextDecoder) { self.decoder = decoder }
        }

        private func run(_ decoder: TextDecoder) {
            while true {
                condition.lock()
                while queue.count >= ReadAhead.capacity && !cancelled {
                    condition.wait()
                }
                let stop = cancelled
                var text = spare.popLast() ?? []
                condition.unlock()
                if stop { return }
                var marks: [TextDecoder.Mark] = []
                var problem: IngestError?
                do {
                    try decoder.decodeChunk(into: &text, marks: &marks)
                } catch {
                    problem = error
                }
                let isLast = problem != nil || decoder.isAtEnd
                condition.lock()
                if let problem {
                    failure = problem
                } else {
                    queue.append(Chunk(text: text, marks: marks, isLast: isLast))
                }
                if isLast { finished = true }
                condition.broadcast()
                condition.unlock()
                if isLast { return }
            }
        }
    }
}
