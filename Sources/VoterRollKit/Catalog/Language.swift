/// The language of messages and reports: Chinese by default, English with `--lang en`.
public enum Language: String, CaseIterable, Sendable, Codable {
    case zh
    case en
}
