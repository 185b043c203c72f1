extension MessageCatalogue {
    /// The console's plan: the Gantt chart of open work orders, their planned days, and each auditor's workload.
    static let consolePlanEntries: [String: [Language: String]] = [
        "plan.heading": [.simplifiedChinese: "工作计划（甘特图）", .english: "Work plan (Gantt)"],
        "plan.work_order": [.simplifiedChinese: "工单", .english: "Work order"],
        "plan.auditor": [.simplifiedChinese: "稽查员", .english: "Auditor"],
        "plan.due": [.simplifiedChinese: "期限", .english: "Due"],
        "plan.no_due": [.simplifiedChinese: "无期限", .english: "no due date"],
        "plan.progress": [.simplifiedChinese: "完成 {done}/{assigned}", .english: "{done} of {assigned} done"],
        "plan.overdue": [.simplifiedChinese: "⚠ 已逾期", .english: "⚠ overdue"],
        "plan.day_done": [.simplifiedChinese: "{day}：完成 {count} 户", .english: "{day}: {count} done"],
        "plan.day_planned": [.simplifiedChinese: "{day}：计划走访 {count} 户", .english: "{day}: {count} planned"],
        "plan.due_missed": [.simplifiedChinese: "✗ 按路线计划要到 {day} 才能完成，赶不上期限", .english: "✗ planned to finish {day}: misses the due date"],
        "plan.planned_until": [.simplifiedChinese: "▫ 计划 {day} 完成", .english: "▫ planned to finish {day}"],
        "plan.unplanned": [.simplifiedChinese: "（{count} 户无法排入计划）", .english: "({count} cannot be planned)"],
        "plan.today": [.simplifiedChinese: "今天", .english: "today"],
        "plan.empty": [.simplifiedChinese: "没有进行中的工单", .english: "No open work order"],
        "plan.workload": [.simplifiedChinese: "工作量", .english: "Workload"],
        "plan.assigned": [.simplifiedChinese: "已分派", .english: "Assigned"],
        "plan.done": [.simplifiedChinese: "已完成", .english: "Done"],
        "plan.remaining": [.simplifiedChinese: "剩余", .english: "Remaining"],
        "plan.days_left": [.simplifiedChinese: "剩余天数", .english: "Days left"],
        "plan.per_day": [.simplifiedChinese: "每天需完成", .english: "Needed per day"],
    ]
}
