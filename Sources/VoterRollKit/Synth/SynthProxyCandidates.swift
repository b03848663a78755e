/// The people proxies (委托投票) may name, gathered while the register streams: voters on the
/// clean roll, and for the defects, minors and adults a list excludes.
///
/// Only people with no other role are taken, so a proxy row's codes depend on nothing but the
/// proxy rules (an agent accepts at most three; both must be on the clean roll; the principal is
/// away and names one agent).
struct SynthProxyCandidates {
    /// How many voters to gather.
    var target = 40
    private(set) var voters: [SynthPerson] = []
    /// Voters away without a certificate (on the moved-out list, still on the roll): the
    /// principals, since a proxy is for a voter away during the election.
    private(set) var away: [SynthPerson] = []
    private(set) var minors: [SynthPerson] = []
    private(set) var excludedAdults: [SynthPerson] = []

    /// Considers an ordinary register row.
    mutating func offer(_ row: SynthRegisterRow, random: inout SynthRandom, rows: Int) {
        let codes = row.codes
        if codes.isEmpty {
            guard voters.count < target * 2, random.chance(min(1, 3 * Double(target) / Double(max(rows, 1)))) else { return }
            voters.append(row.person)
        } else if codes == [.ageUnder18], minors.count < 200, random.chance(0.05) {
            minors.append(row.person)
        }
    }

    /// Someone away without a certificate: still on the roll, and the usual principal.
    mutating func absent(_ person: SynthPerson, random: inout SynthRandom) {
        if away.count < target * 4 { away.append(person) }
    }

    /// Someone a list excludes (the dead).
    mutating func excluded(_ person: SynthPerson) {
        if excludedAdults.count < 200 { excludedAdults.append(person) }
    }

    mutating func takeVoter() -> SynthPerson? { voters.popLast() }
    mutating func takeAway() -> SynthPerson? { away.popLast() }
    mutating func takeMinor() -> SynthPerson? { minors.popLast() }
    mutating func takeExcluded() -> SynthPerson? { excludedAdults.popLast() }

    mutating func shuffle(_ random: inout SynthRandom) {
        random.shuffle(&voters)
        random.shuffle(&away)
        random.shuffle(&minors)
        random.shuffle(&excludedAdults)
    }
}
