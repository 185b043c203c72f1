extension MessageCatalogue {
    /// The tablet's visit form: hazards found on site, added one by one and recorded with the visit.
    static let tabletHazardEntries: [String: [Language: String]] = [
        "tablet.visit_form.hazards": [.simplifiedChinese: "隐患（{count}）：", .english: "Hazards ({count}):"],
        "tablet.hazard_form.type": [.simplifiedChinese: "隐患类型：", .english: "Hazard type:"],
        "tablet.hazard_form.severity": [.simplifiedChinese: "严重程度：", .english: "Severity:"],
        "tablet.hazard_form.description": [.simplifiedChinese: "描述：", .english: "Description:"],
        "tablet.hazard_form.hint": [.simplifiedChinese: "Tab 类型/严重程度 · ↑/↓ 更改 · 输入描述 · Enter 添加 · Esc 放弃",
                                    .english: "Tab type/severity · ↑/↓ change · type the description · Enter adds · Esc drops"],
        "tablet.hazard_form.incomplete": [.simplifiedChinese: "请先描述所见的隐患，再按 Enter 添加",
                                          .english: "describe what you found first, then Enter adds it"],
        "tablet.app.hazards_recorded": [.simplifiedChinese: "；已登记 {count} 项隐患", .english: "; {count} hazard(s) recorded"],
        "tablet.keys.context.hazard": [.simplifiedChinese: "登记隐患（走访中）", .english: "Adding a hazard (during a visit)"],
        "tablet.keys.visit.add_hazard": [.simplifiedChinese: "登记在此发现的隐患（可多项）", .english: "add a hazard found here (one or more)"],
        "tablet.keys.hazard.next_part": [.simplifiedChinese: "在类型与严重程度之间切换", .english: "switch between type and severity"],
        "tablet.keys.hazard.previous_choice": [.simplifiedChinese: "上一个类型或严重程度", .english: "previous type or severity"],
        "tablet.keys.hazard.next_choice": [.simplifiedChinese: "下一个类型或严重程度", .english: "next type or severity"],
        "tablet.keys.hazard.save": [.simplifiedChinese: "添加该隐患（需有描述），回到走访", .english: "add the hazard (it needs a description), back to the visit"],
        "tablet.keys.hazard.cancel": [.simplifiedChinese: "放弃该隐患，回到走访", .english: "drop this hazard, back to the visit"],
    ]
}
