/// A column VoterRoll understands, whatever the source calls it.
///
/// Raw values are the names used in pipelines (`aliases:`), in `inspect --json` and in
/// outputs. The register's columns come first, then those only the lists have.
public enum CanonicalField: String, CaseIterable, Sendable, Codable, Comparable {
    case sequence
    case constituency
    case voterGroup = "voter_group"
    case name
    case gender
    case ethnicity
    case birthDate = "birth_date"
    case idNumber = "id_number"
    case address
    case remarks
    /// 联系电话: in the register or the moved-out list, for the letters to voters away.
    case phone
    // deprived (剥夺政治权利)
    case start
    case end
    // incapacitated (精神病患者)
    case confirmedDate = "confirmed_date"
    // suspended (停止行使选举权利)
    case authority
    case decidedDate = "decided_date"
    // deceased (死亡)
    case deathDate = "death_date"
    // moved out (外出)
    case currentResidence = "current_residence"
    case certificateIssued = "certificate_issued"
    // moved in (流入)
    case hukouPlace = "hukou_place"
    case certificateNumber = "certificate_number"
    // proxies (委托投票)
    case principalName = "principal_name"
    case principalID = "principal_id"
    case agentName = "agent_name"
    case agentID = "agent_id"
    case proxyDate = "proxy_date"
    // appeals (申诉): who appealed, about what, and the committee's decision; the person the
    // appeal is about is in the person fields (涉及人员姓名 → name)
    case appellantName = "appellant_name"
    case appellantID = "appellant_id"
    case appealMatter = "appeal_matter"
    case receivedDate = "received_date"
    case appealResult = "appeal_result"
    // hashed lists (`voterroll hash-list`): keyed digests instead of identifiers
    case idHMAC = "id_hmac"
    case nameHMAC = "name_hmac"

    /// What a voter roll cannot do without.
    public static let rollRequired: Set<CanonicalField> = [.name, .idNumber]

    /// The position in `allCases`, for ordering columns in messages and output.
    public var ordinal: Int { CanonicalField.ordinals[self] ?? 0 }

    private static let ordinals: [CanonicalField: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    public static func < (lhs: CanonicalField, rhs: CanonicalField) -> Bool { lhs.ordinal < rhs.ordinal }
}
