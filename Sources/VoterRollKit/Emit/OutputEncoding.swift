/// The encoding of CSV outputs: UTF-8 with a BOM (so Excel opens it right) or GB18030 for
/// older office systems.
public enum OutputEncoding: String, CaseIterable, Sendable, Codable {
    case utf8BOM = "utf-8-bom"
    case gb18030
}
