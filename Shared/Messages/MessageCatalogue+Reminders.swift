extension MessageCatalogue {
    /// Text messages to auditors and supervisors. Short: a Chinese text of up to 70 characters
    /// goes as one message.
    static let reminderEntries: [String: [Language: String]] = [
        "sms.urgent": [.simplifiedChinese: "【紧急】", .english: "URGENT: "],
        "sms.order.new": [.simplifiedChinese: "新稽查工单「{area}」：{count} 户，期限 {due}。请同步平板查看。",
                          .english: "New audit work order \"{area}\": {count} customers, due {due}. Sync your tablet."],
        "sms.order.changed": [.simplifiedChinese: "工单「{area}」已调整：现 {count} 户，期限 {due}。请同步平板。",
                              .english: "Work order \"{area}\" changed: now {count} customers, due {due}. Sync your tablet."],
        "sms.order.reassigned": [.simplifiedChinese: "工单「{area}」已改派给他人，您无需再做。",
                                 .english: "Work order \"{area}\" went to another auditor: you need not do it."],
        "sms.order.cancelled": [.simplifiedChinese: "工单「{area}」已取消。", .english: "Work order \"{area}\" was cancelled."],
        "sms.order.urgent_supervisor": [.simplifiedChinese: "紧急工单「{area}」（{count} 户）已派给 {auditor}，期限 {due}。",
                                        .english: "Urgent work order \"{area}\" ({count} customers) went to {auditor}, due {due}."],
        "sms.digest": [.simplifiedChinese: "今日稽查提醒：尚有 {remaining} 户未走访；明天到期工单 {due} 个；已逾期工单 {overdue} 个。",
                       .english: "Audit digest: {remaining} customers still to visit; {due} work orders due tomorrow; {overdue} overdue."],
        "sms.no_due": [.simplifiedChinese: "无", .english: "none"],
        "sms.unnamed_area": [.simplifiedChinese: "未命名片区", .english: "unnamed area"],
        "server.auditor.saved": [.simplifiedChinese: "已保存 {name} 的联系方式", .english: "Saved how to reach {name}"],
        "server.auditor.refused.phone": [.simplifiedChinese: "手机号 {value} 不符合国际格式：+ 加 8 至 15 位数字，例如 +8613800138000",
                                         .english: "phone {value} is not in E.164 form: + and 8 to 15 digits, e.g. +8613800138000"],
        "server.auditor.refused.quiet": [.simplifiedChinese: "免打扰时段 {value} 应写作 HH:MM-HH:MM，例如 21:00-07:00，或 none",
                                         .english: "quiet hours {value} must be HH:MM-HH:MM, e.g. 21:00-07:00, or none"],
        "server.auditor.state.active": [.simplifiedChinese: "在岗", .english: "active"],
        "server.auditor.state.retired": [.simplifiedChinese: "已离岗", .english: "retired"],
        "server.reminders.state.pending": [.simplifiedChinese: "待发送", .english: "pending"],
        "server.reminders.state.queued": [.simplifiedChinese: "已交网关", .english: "queued"],
        "server.reminders.state.delivered": [.simplifiedChinese: "已送达", .english: "delivered"],
        "server.reminders.state.failed": [.simplifiedChinese: "发送失败", .english: "failed"],
        "server.reminders.state.cancelled": [.simplifiedChinese: "已撤销", .english: "cancelled"],
        "server.reminders.unknown_state": [.simplifiedChinese: "没有状态 {state}；可选：{states}", .english: "no state {state}; one of {states}"],
        "server.reminders.limit": [.simplifiedChinese: "--limit 须在 1 至 10000 之间", .english: "--limit must be 1 to 10000"],
    ]
}
