extension MessageCatalogue {
    /// The office console's texts.
    static let consoleEntries: [String: [Language: String]] = [
        "console.title": [.simplifiedChinese: "FieldAudit 办公台", .english: "FieldAudit office console"],
        "console.language": [.simplifiedChinese: "English", .english: "中文"],
        "login.heading": [.simplifiedChinese: "登录", .english: "Log in"],
        "login.user": [.simplifiedChinese: "用户名", .english: "User name"],
        "login.password": [.simplifiedChinese: "密码", .english: "Password"],
        "login.submit": [.simplifiedChinese: "登录", .english: "Log in"],
        "login.failed": [.simplifiedChinese: "用户名或密码错误", .english: "Wrong user name or password"],
        "login.throttled": [.simplifiedChinese: "登录失败次数过多，请 {seconds} 秒后再试", .english: "Too many failed logins: try again in {seconds} s"],
        "login.unreachable": [.simplifiedChinese: "无法连接服务器", .english: "The server cannot be reached"],
        "session.signed_in": [.simplifiedChinese: "已登录：{name}（{role}）", .english: "Logged in as {name} ({role})"],
        "session.logout": [.simplifiedChinese: "退出登录", .english: "Log out"],
        "session.expired": [.simplifiedChinese: "会话已结束，请重新登录", .english: "Your session ended: log in again"],
        "role.dispatcher": [.simplifiedChinese: "调度员", .english: "dispatcher"],
        "role.supervisor": [.simplifiedChinese: "主管（只读）", .english: "supervisor (read-only)"],
        "role.admin": [.simplifiedChinese: "管理员", .english: "admin"],
    ]
}
