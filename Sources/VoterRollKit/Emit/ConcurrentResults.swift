import Foundation

/// Results of work done on other threads, one slot per piece, taken back in order.
///
/// The outputs use the machine's second core for pieces of work that share nothing (one
/// published list each, the inputs' SHA-256): each piece fills its slot, and the caller reads
/// the slots in order once the work has been waited for, so what is written and which failure
/// is thrown do not depend on which thread finished first.
final class ConcurrentResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// Runs `body` for slot `index` and keeps what it returns or throws.
    func fill(_ index: Int, _ body: () throws -> Value) {
        let result = Result { try body() }
        lock.withLock { slots[index] = result }
    }

    /// The values in slot order; the first failure (in slot order) is thrown.
    func values() throws -> [Value] {
        try lock.withLock { slots }.enumerated().map { index, slot in
            guard let slot else { throw OutputError(path: "", message: "work \(index) was never done") }
            return try slot.get()
        }
    }
}
