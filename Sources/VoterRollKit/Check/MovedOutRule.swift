/// 外出: with a voter certificate the person registers where they live and is excluded here;
/// without one they stay here, flagged absent (they need a proxy or the mobile ballot box).
struct MovedOutRule: ListRule {
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? {
        guard case .movedOut(let hasCertificate) = entry.details else { return nil }
        return hasCertificate ? .migrantRegisteredElsewhere : .migrantAbsent
    }
}
