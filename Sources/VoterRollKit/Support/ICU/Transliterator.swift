internal import CVoterRoll

/// An ICU transliterator such as `Traditional-Simplified` or `Han-Latin/Names`.
///
/// Owns one ICU handle, closed in `deinit`. Transliterators are slow per call, so callers
/// cache results per distinct string or build tables once; not safe to share across threads.
final class Transliterator {
    private let handle: OpaquePointer
    let id: String

    init(id: String) throws(ICUError) {
        let units = Array(id.utf16)
        var status: Int32 = 0
        let opened = units.withUnsafeBufferPointer { pointer in
            CVoterRoll_transliteratorOpen(pointer.baseAddress, Int32(pointer.count), &status)
        }
        try ICUError.check(status, "opening transliterator \(id)")
        guard let opened else { throw ICUError(status: 5, operation: "opening transliterator \(id)") }
        self.handle = opened
        self.id = id
    }

    deinit {
        CVoterRoll_transliteratorClose(handle)
    }

    /// The transliterated text.
    func transform(_ text: String) throws(ICUError) -> String {
        let input = Array(text.utf16)
        if input.isEmpty { return text }
        // Transliteration can grow text (Han-Latin: one character becomes several letters).
        let output = try withUTF16Output(initialCapacity: input.count * 8 + 16, operation: "transliterating with \(id)") {
            buffer, capacity, status in
            for (index, unit) in input.enumerated() { buffer[index] = unit }
            return CVoterRoll_transliteratorTransform(handle, buffer, Int32(input.count), capacity, &status)
        }
        return String(decoding: output, as: UTF16.self)
    }
}
