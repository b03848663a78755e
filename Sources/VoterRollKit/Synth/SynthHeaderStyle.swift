/// How `voterroll synth` writes the rows above the data: the header's wordings and the titles
/// above it (`--header-style`).
///
/// Offices do not write VoterRoll's column names: a court prefixes them with the list's subject
/// (剥夺政治权利起始日期), a police station asks 是否开具选民资格证明, a clerk spaces 姓　名
/// to line up a printed form and puts the list's title and 填表日期 above the header. The styles
/// other than `standard` write those forms, to show that the reader takes them; the data rows,
/// their decisions and their codes are the same in every style (only their row numbers move
/// with the header).
public enum SynthHeaderStyle: String, CaseIterable, Sendable {
    /// VoterRoll's own names: the register's title on row 1 and header on row 2, each list's
    /// header on row 1 (the files synth wrote before header styles existed, byte for byte).
    case standard
    /// One office's habit per file, chosen by the seed: one wording per column, applied
    /// consistently (every column prefixed or none, one date suffix), and one block of titles.
    case varied
    /// Per file, each column's wording drawn on its own from its family, and a block of titles.
    case random
}
