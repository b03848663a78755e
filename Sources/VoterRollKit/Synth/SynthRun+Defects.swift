/// Each defect (and each ordinary list fact) made into a register row, with the codes DESIGN.md
/// says it must get.
extension SynthRun {
    func make(_ defect: SynthDefect) -> SynthRegisterRow {
        switch defect {
        case .idFullWidth, .idLowercaseX, .idSpaces, .idLegacy15, .idExcelScientific, .idExcelZeros,
            .idChecksum, .idBirthdateInvalid, .idFormat, .idMissing, .idRegionUnknown:
            return makeIDDefect(defect)
        case .nameTraditional, .nameSpaces, .nameDotLookAlike, .nameSuspicious, .nameRareCharacter, .nameMissing,
            .namePrivateUseMapped, .namePrivateUse:
            return makeNameDefect(defect)
        case .genderMismatch, .genderInvalid, .birthDateMismatch, .birthDateUnparseable:
            return makeStatedDefect(defect)
        case .ageImplausible:
            return row(.init(age: .implausible))
        case .eighteenOnElectionDay:
            return row(.init(age: .eighteenOnElectionDay))
        case .eighteenTheDayAfter:
            return row(.init(age: .eighteenTheDayAfter))
        case .raggedRow:
            var made = row()
            made.shape = isCSV && random.chance(0.5) ? .lastCellMissing : .extraCell(random.pick(["已核实", "待核", "复核"]))
            made.rowCodes = [.inputRaggedRow]
            return made
        case .undecodableBytes:
            var made = row()
            made.remarks = .undecodable(before: "外出", after: "务工")
            made.rowCodes = [.inputEncoding]
            return made
        case .unclosedQuote:
            var made = row()
            made.remarks = .verbatim("\"外出务工")
            made.rowCodes = [.inputMalformedRow]
            return made
        case .deprivedNow, .deprivedForLife, .deprivedEndsOnElectionDay, .deprivedEnded, .deprivedEndedTheDayBefore,
            .deprivedEndUnreadable, .deprivedStartUnreadable, .deprivedStartsLater, .incapacitated, .suspended, .deceased,
            .movedOutWithCertificate, .movedOutWithoutCertificate:
            return makeListed(defect)
        case .listNameVariant, .listNameMismatch, .listUnmatched, .listBadID:
            return makeListDefect(defect)
        case .movedInWithCertificate, .movedInWithoutCertificate, .movedInMinor, .movedInGenderMismatch, .movedInBadID:
            addInMigrant(defect, person: population.make(.init(age: defect == .movedInMinor ? .minor : .adult, region: .elsewhere)))
            return plainRow()
        case .movedInAlreadyListed:
            let made = row(.adult)
            addInMigrant(defect, person: made.person)
            return made
        case .duplicateID:
            let made = row(random.chance(0.4) ? .init(age: .bornIn1900s) : .adult)
            let person = made.person
            switch random.below(10) {
            case 0..<3 where person.id.legacy15 != nil:
                schedule(.copy(person, idCell: .text(person.id.legacy15 ?? ""), idCodes: [.idLegacy15]))
            case 3..<5:
                schedule(.copy(person, idCell: .text(SynthID.fullWidth(person.id.canonical)), idCodes: [.idNormalized]))
            default:
                schedule(.copy(person, idCell: .text(person.id.canonical), idCodes: []))
            }
            return made
        case .probableDuplicate:
            var made = row(.adult)
            made.personCodes = [.dupProbable]
            schedule(.twin(made.person))
            return made
        case .proxyOverLimit, .proxyAgentNotEligible, .proxyPrincipalNotEligible, .proxyTwoAgents, .proxyPrincipalNotAway,
            .proxyDateInvalid:
            proxyDefects.append(defect)
            return plainRow()
        case .appealOmittedAdded, .appealOmittedMinor:
            addAppeal(defect, person: population.make(.init(age: defect == .appealOmittedMinor ? .minor : .adult)))
            return plainRow()
        case .appealOmittedListed, .appealRemoved, .appealCorrection, .appealRejected, .appealLate, .appealOverdue, .appealDecidedLate:
            var made = row(.adult)
            made.personCodes = addAppeal(defect, person: made.person)
            return made
        }
    }

    /// A row for a new person, written the register's usual way.
    func row(_ constraints: SynthPopulation.Constraints = .any) -> SynthRegisterRow {
        SynthRegisterRow(population.make(constraints), dateStyle: slot.dateStyle, electionDay: options.electionDay)
    }

    /// An ordinary row, which proxies may later name.
    private func plainRow() -> SynthRegisterRow {
        let made = row()
        proxyCandidates.offer(made, random: &random, rows: options.rows)
        return made
    }

    // MARK: ID

    private func makeIDDefect(_ defect: SynthDefect) -> SynthRegisterRow {
        switch defect {
        case .idFullWidth:
            var made = row()
            made.id = .text(SynthID.fullWidth(made.person.id.canonical))
            made.idCodes = [.idNormalized]
            return made
        case .idLowercaseX:
            var made = row(.init(checkIsX: true))
            made.id = .text(made.person.id.canonical.lowercased())
            made.idCodes = [.idNormalized]
            return made
        case .idSpaces:
            var made = row()
            made.id = .text(SynthID.spaced(made.person.id.canonical, ideographic: random.chance(0.3)))
            made.idCodes = [.idNormalized]
            return made
        case .idLegacy15:
            var made = row(.init(age: .bornIn1900s))
            let legacy = made.person.id.legacy15 ?? ""
            // Excel keeps all 15 digits of a number, so a workbook may hold it as one.
            made.id = !isCSV && random.chance(0.5) ? .number(legacy) : .text(legacy)
            made.idCodes = [.idLegacy15]
            return made
        case .idExcelScientific:
            var made = row(.init(checkIsX: false))
            let id = made.person.id
            made.invalidID(isCSV ? .text(id.excelDisplay ?? "") : .number(id.excelStored ?? ""), .idExcelMangled)
            return made
        case .idExcelZeros:
            var made = row(.init(checkIsX: false))
            // Rounded to 15 digits the number must not happen to be valid.
            while let zeros = made.person.id.excelZeros, SynthID.isValid(zeros) {
                made = row(.init(checkIsX: false))
            }
            let zeros = made.person.id.excelZeros ?? ""
            made.invalidID(isCSV ? .text(zeros) : .number(zeros), .idExcelMangled)
            return made
        case .idChecksum:
            var made = row()
            var text = random.chance(0.5) ? made.person.id.mistypedSequence(&random) : made.person.id.wrongCheck(&random)
            if text.hasSuffix("000") || SynthID.isValid(text) { text = made.person.id.wrongCheck(&random) }
            made.invalidID(.text(text), .idChecksum)
            return made
        case .idBirthdateInvalid:
            var made = row()
            made.invalidID(.text(made.person.id.impossibleDate(electionDay: options.electionDay, &random)), .idBirthdateInvalid)
            return made
        case .idFormat:
            var made = row()
            made.invalidID(.text(made.person.id.malformed(&random)), .idFormat)
            return made
        case .idMissing:
            var made = row()
            made.invalidID(.empty, .idMissing)
            return made
        default:  // .idRegionUnknown
            var made = row(.init(region: .unknown))
            made.idCodes = [.idRegionUnknown]
            return made
        }
    }

    // MARK: Name

    private func makeNameDefect(_ defect: SynthDefect) -> SynthRegisterRow {
        switch defect {
        case .nameTraditional:
            var made = row(.init(name: .traditional))
            made.name = .text(SynthNames.traditionalForm(made.person.name))
            made.nameCodes = [.nameNormalized]
            return made
        case .nameSpaces:
            var made = row()
            made.name = .text(spaced(made.person.name))
            made.nameCodes = [.nameNormalized]
            return made
        case .nameDotLookAlike:
            var made = row(.init(name: .minority))
            let dot = random.pick(SynthNames.dotLookAlikes)
            made.name = .text(String(made.person.name.map { $0 == SynthNames.middleDot ? dot : $0 }))
            made.nameCodes = [.nameNormalized]
            return made
        case .nameSuspicious:
            var made = row()
            let name = made.person.name
            let variants = [name + String(random.int(in: 1...9)), String(name.prefix(1)), name + "?", name + String(random.int(in: 1...9)) + "号"]
            let start = random.below(variants.count)
            for offset in 0..<variants.count {
                let written = variants[(start + offset) % variants.count]
                if population.reserve(matchKey: SynthNames.matchKey(written), birth: made.person.birth) {
                    made.name = .text(written)
                    made.nameCodes = [.nameSuspicious]
                    return made
                }
            }
            return made
        case .nameRareCharacter:
            var made = row(.init(name: .traditional))
            let stem = made.person.name.dropLast()
            for rare in SynthNames.rareCharacters.shuffled(&random) {
                let name = String(stem) + rare
                if population.reserve(matchKey: SynthNames.matchKey(name), birth: made.person.birth) {
                    made.person.name = name
                    made.name = .text(name)
                    made.nameCodes = [.nameRareChar]
                    return made
                }
            }
            return made
        case .namePrivateUseMapped:
            // The person's name holds the standard character; the register writes the code
            // point an older system gave it, which the check maps back.
            var made = row()
            let stem = made.person.name.dropLast()
            for (privateUse, standard) in SynthNames.privateUseHan.shuffled(&random) {
                let name = String(stem) + standard
                if population.reserve(matchKey: SynthNames.matchKey(name), birth: made.person.birth) {
                    made.person.name = name
                    made.name = .text(String(stem) + privateUse)
                    made.nameCodes = [.nameRareChar, .namePuaMapped]
                    return made
                }
            }
            return made
        case .namePrivateUse:
            var made = row()
            let name = made.person.name + SynthNames.unknownPrivateUse.shuffled(&random)[0]
            if population.reserve(matchKey: SynthNames.matchKey(name), birth: made.person.birth) {
                made.person.name = name
                made.name = .text(name)
                made.nameCodes = [.nameSuspicious, .namePrivateUse, .nameRareChar]
            }
            return made
        default:  // .nameMissing
            var made = row()
            made.name = random.chance(0.7) ? .empty : .text("\u{3000}")
            made.nameCodes = [.nameMissing]
            return made
        }
    }

    /// A name with a space in it: between surname and given name as clerks pad two-character
    /// names (张　伟), or around a middle dot.
    func spaced(_ name: String) -> String {
        let space = random.pick([" ", "\u{3000}", "  "])
        if name.contains(SynthNames.middleDot) {
            return name.split(separator: SynthNames.middleDot).joined(separator: " \(SynthNames.middleDot) ")
        }
        return String(name.prefix(1)) + space + String(name.dropFirst())
    }

    // MARK: Stated birth date and gender

    private func makeStatedDefect(_ defect: SynthDefect) -> SynthRegisterRow {
        var made = row()
        let birth = made.person.birth
        switch defect {
        case .genderMismatch:
            made.gender = .text(made.person.isMale ? "女" : "男")
            made.personCodes = [.idGenderMismatch]
        case .genderInvalid:
            made.gender = .text(random.pick(["未知", "不详", "其他"]))
            made.personCodes = [.genderInvalid]
        case .birthDateMismatch:
            let style = slot.dateStyle.isMonthOnly ? SynthDateStyle.iso : slot.dateStyle
            let shift = random.chance(0.5) ? random.int(in: 1...27) * (random.chance(0.5) ? 1 : -1) : (random.chance(0.5) ? 365 : -365)
            let wrong = birth.adding(days: shift) ?? birth
            made.birthDate = style.cell(wrong)
            made.personCodes = [.idBirthdateMismatch]
        default:  // .birthDateUnparseable
            let (y, m, d) = (birth.year, birth.month, birth.day)
            made.birthDate = .text(
                random.pick([
                    "不详", "\(d < 10 ? "0" : "")\(d)/\(m < 10 ? "0" : "")\(m)/\(y)", "\(y % 100).\(m).\(d)", "\(y)-02-30",
                    "\(Self.chineseYear(y))年",
                ]))
            made.personCodes = [.dateUnparseable]
        }
        return made
    }

    /// 1990 → 一九九〇.
    static func chineseYear(_ year: Int) -> String {
        let digits = Array("〇一二三四五六七八九")
        return String(String(year).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
