/// Masks anything that looks like an ID number before it reaches a log line.
///
/// Logs are copied, mailed and kept; a full ID number must never be in one. Code should not
/// log IDs at all — this is the net under that rule: any run of 15 or more digits (with an
/// optional final X) keeps its first 6 and last 4 characters (`371102********123X`).
public enum LogRedaction: Sendable {
    public static func mask(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            var end = index
            while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            if end < scalars.count, end - index >= 17, scalars[end] == "X" || scalars[end] == "x" { end += 1 }
            if end - index >= 15 {
                output.append(contentsOf: ResidentID.mask(String(String.UnicodeScalarView(scalars[index..<end]))).unicodeScalars)
                index = end
            } else if end > index {
                output.append(contentsOf: scalars[index..<end])
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }
}
