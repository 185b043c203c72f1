extension MessageCatalogue {
    /// What audit-server's `workorder` and `progress` print for people (their ids, `--json` and
    /// CSV never change).
    static let serverWorkEntries: [String: [Language: String]] = [
        "server.workorder.choose_customers": [.simplifiedChinese: "请给出 --customers、--bbox 或 --county 其中之一",
                                              .english: "give one of --customers, --bbox or --county"],
        "server.workorder.none_in_box": [.simplifiedChinese: "范围 {box} 内没有带位置的用户", .english: "no customer with a location inside {box}"],
        "server.workorder.none_in_county": [.simplifiedChinese: "区县 {county} 没有用户", .english: "no customer in county {county}"],
        "server.workorder.area.box": [.simplifiedChinese: "范围 {box}", .english: "box {box}"],
        "server.workorder.area.county": [.simplifiedChinese: "区县 {county}", .english: "county {county}"],
        "server.workorder.created": [.simplifiedChinese: "已为 {assignee} 创建工单：{count} 户", .english: "work order for {assignee}: {count} customers"],
        "server.workorder.none": [.simplifiedChinese: "没有工单", .english: "no work orders"],
        "server.workorder.customers": [.simplifiedChinese: "{count} 户", .english: "{count} customers"],
        "server.workorder.due": [.simplifiedChinese: "截止 {due}", .english: "due {due}"],

        "server.progress.by_auditor": [.simplifiedChinese: "按稽查员", .english: "by auditor"],
        "server.progress.by_work_order": [.simplifiedChinese: "按工单", .english: "by work order"],
        "server.progress.auditor": [.simplifiedChinese: "{auditor}（{count} 个工单）", .english: "{auditor} ({count} orders)"],
        "server.progress.column.assigned": [.simplifiedChinese: "已分配", .english: "assigned"],
        "server.progress.column.visited": [.simplifiedChinese: "已走访", .english: "visited"],
        "server.progress.column.conflicts": [.simplifiedChinese: "冲突", .english: "conflicts"],
        "server.progress.column.flagged": [.simplifiedChinese: "存疑", .english: "flagged"],
        "server.progress.flagged": [
            .simplifiedChinese: "未能证明到场的走访（手输位置或无位置、距现场过远、速度或轨迹不合理、定位或时钟异常、签名或链有问题；详情：audit-server presence 走访编号）",
            .english: "visits without proof of presence (typed or no position, far from the site, implausible speed or track, stale fix or clock, broken signature or chain; details: audit-server presence ID)"],
    ]
}
