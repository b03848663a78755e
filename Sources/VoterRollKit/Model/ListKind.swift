/// The lists an election office receives beside the register (DESIGN.md, "The lists").
public enum ListKind: String, CaseIterable, Sendable, Codable {
    /// 剥夺政治权利: courts' lists of people deprived of political rights, with the period.
    case deprived
    /// 精神病患者, confirmed by the election committee as unable to exercise electoral rights.
    case incapacitated
    /// 停止行使选举权利, decided by the procuratorate or court.
    case suspended
    /// 死亡.
    case deceased
    /// 外出: away, with or without a voter certificate to register where they live.
    case movedOut = "moved_out"
    /// 流入: living here, with or without a voter certificate from their hukou place.
    case movedIn = "moved_in"
    /// 委托投票: who votes for whom.
    case proxies
    /// 申诉: appeals against the posted list (漏登, 错登, 重登, 不应登记, 信息有误) and the
    /// election committee's decisions.
    case appeals

    /// The command-line option that names this list (`--moved-out`).
    public var optionName: String { rawValue.replacingUnderscores() }

    /// The list's name for people, in the report's language.
    public func title(_ language: Language) -> String {
        switch (self, language) {
        case (.deprived, .zh): "剥夺政治权利名单"
        case (.incapacitated, .zh): "精神病患者名单"
        case (.suspended, .zh): "停止行使选举权利名单"
        case (.deceased, .zh): "死亡人员名单"
        case (.movedOut, .zh): "外出人员名单"
        case (.movedIn, .zh): "流入人员名单"
        case (.proxies, .zh): "委托投票名单"
        case (.appeals, .zh): "选民名单申诉登记表"
        case (.deprived, .en): "deprived of political rights"
        case (.incapacitated, .en): "incapacitated"
        case (.suspended, .en): "rights suspended"
        case (.deceased, .en): "deceased"
        case (.movedOut, .en): "moved out"
        case (.movedIn, .en): "moved in"
        case (.proxies, .en): "proxies"
        case (.appeals, .en): "appeals"
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
