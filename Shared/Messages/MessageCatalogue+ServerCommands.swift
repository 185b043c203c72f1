extension MessageCatalogue {
    /// What audit-server's dispatcher commands print for people (`--json` and CSV never change).
    static let serverCommandEntries: [String: [Language: String]] = [
        "server.conflicts.none": [.simplifiedChinese: "没有冲突", .english: "no conflicts"],
    ]
}
