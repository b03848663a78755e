/// The version printed by `voterroll --version` and recorded with every run.
public enum VoterRollVersion: Sendable {
    public static let current = "0.1.0"
}
