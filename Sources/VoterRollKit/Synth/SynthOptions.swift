/// What `voterroll synth` makes: how many register rows, from which seed, for which election
/// day, in which format, with how many defects, with headers written how.
public struct SynthOptions: Sendable {
    public var rows: Int
    public var seed: UInt64
    public var electionDay: CivilDate
    public var encoding: SynthEncoding
    public var format: SynthFormat
    /// The share of register rows dealt a defect (0–1).
    public var defectRate: Double
    /// How the headers and the titles above them are worded.
    public var headerStyle: SynthHeaderStyle

    public init(
        rows: Int, seed: UInt64, electionDay: CivilDate, encoding: SynthEncoding = .gb18030,
        format: SynthFormat = .csv, defectRate: Double = 0.05, headerStyle: SynthHeaderStyle = .standard
    ) {
        self.rows = rows
        self.seed = seed
        self.electionDay = electionDay
        self.encoding = encoding
        self.format = format
        self.defectRate = defectRate
        self.headerStyle = headerStyle
    }
}

/// The file format of every generated file.
public enum SynthFormat: String, CaseIterable, Sendable {
    case csv
    /// Office Open XML workbook.
    case xlsx
    /// Excel 2003 XML (SpreadsheetML).
    case xml

    public var fileExtension: String { rawValue }
}

/// The encoding of generated CSV files.
public enum SynthEncoding: String, CaseIterable, Sendable {
    /// What Excel and WPS write on Chinese Windows.
    case gb18030
    /// UTF-8 with a byte order mark, Excel's "CSV UTF-8".
    case utf8 = "utf-8"
}
