/// How log lines are written: for people (`text`) or one JSON object per line for machines.
public enum LogFormat: String, CaseIterable, Sendable {
    case text
    case json
}
