/// When someone born on 29 February has a birthday in a common year.
///
/// The law does not say. The default follows the usual reading of 周岁 (the day before the
/// date that does not exist ends the year of age): 28 February. Some offices use 1 March, so
/// a pipeline can choose.
public enum LeapDayRule: String, Sendable, Hashable, CaseIterable, Codable {
    case february28 = "feb28"
    case march1 = "mar1"
}
