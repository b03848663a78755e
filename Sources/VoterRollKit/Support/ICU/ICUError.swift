internal import CVoterRoll

/// An ICU status code that signalled failure, with ICU's own name for it.
///
/// The one place where ICU's C status codes become Swift errors.
struct ICUError: Error, CustomStringConvertible, Sendable {
    let status: Int32
    let operation: String

    var name: String { String(cString: CVoterRoll_errorName(status)) }
    var description: String { "ICU \(operation) failed: \(name)" }

    /// U_BUFFER_OVERFLOW_ERROR: the output did not fit; retry with the returned length.
    static let bufferOverflow: Int32 = 15

    /// Throws when `status` is an ICU failure (positive); warnings (negative) are success.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(ICUError) {
        if status > 0 {
            throw ICUError(status: status, operation: operation())
        }
    }
}

/// Calls an ICU function that writes UTF-16 into a buffer, growing the buffer once if ICU
/// says it was too small.
func withUTF16Output(
    initialCapacity: Int,
    operation: String,
    _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
) throws(ICUError) -> [UInt16] {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
        var buffer = [UInt16](repeating: 0, count: capacity)
        var status: Int32 = 0
        let length = buffer.withUnsafeMutableBufferPointer { pointer -> Int32 in
            guard let base = pointer.baseAddress else { return 0 }
            return body(base, Int32(capacity), &status)
        }
        if status == ICUError.bufferOverflow {
            capacity = Int(length) + 1
            continue
        }
        try ICUError.check(status, operation)
        buffer.removeSubrange(Int(length)...)
        return buffer
    }
    throw ICUError(status: ICUError.bufferOverflow, operation: operation)
}
