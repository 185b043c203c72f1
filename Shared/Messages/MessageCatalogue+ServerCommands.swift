extension MessageCatalogue {
    /// What audit-server's dispatcher commands print for people (`--json` and CSV never change).
    static let serverCommandEntries: [String: [Language: String]] = [
        "server.conflicts.none": [.simplifiedChinese: "没有冲突", .english: "no conflicts"],
        "server.conflicts.rule.none": [.simplifiedChinese: "没有符合规则的“{field}”冲突", .english: "no open conflict on {field} matches the rule"],
        "server.conflicts.rule.keep": [.simplifiedChinese: "{record} {field}：{values} → 保留“{value}”（{writer}）",
                                       .english: "{record} {field}: {values} -> keep \"{value}\" by {writer}"],
        "server.conflicts.rule.leave": [.simplifiedChinese: "{record} {field}：{values} → 不处理：{reason}",
                                        .english: "{record} {field}: {values} -> left alone: {reason}"],
        "server.conflicts.rule.previewed": [.simplifiedChinese: "试运行：将解决 {resolved} 个冲突，不处理 {left} 个；未写入任何数据",
                                            .english: "dry run: would resolve {resolved}, leave {left} alone; nothing was written"],
        "server.conflicts.rule.applied": [.simplifiedChinese: "已解决 {resolved} 个冲突，未处理 {left} 个",
                                          .english: "resolved {resolved}, left {left} alone"],
        "server.conflicts.skip.no_entry": [.simplifiedChinese: "{side}没有写过这个值", .english: "{side} wrote no value here"],
        "server.conflicts.skip.ambiguous": [.simplifiedChinese: "{side}写了不同的值，请逐个选择",
                                            .english: "{side} wrote different values: choose one by hand"],
        "server.conflicts.skip.changed": [.simplifiedChinese: "预览之后已有变化", .english: "changed since the preview"],
        "server.conflicts.side.mis": [.simplifiedChinese: "营销系统", .english: "the MIS"],
        "server.conflicts.side.office": [.simplifiedChinese: "办公室", .english: "the office"],
        "server.conflicts.side.auditor": [.simplifiedChinese: "稽查员", .english: "the auditor"],
        "server.conflicts.side.newest": [.simplifiedChinese: "最新的写入", .english: "the newest write"],
    ]
}
