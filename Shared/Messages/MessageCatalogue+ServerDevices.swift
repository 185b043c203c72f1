extension MessageCatalogue {
    /// What audit-server's `device`, `user` and `packet` print for people (tokens, ids and
    /// `--json` never change).
    static let serverDeviceEntries: [String: [Language: String]] = [
        "server.device.enrolled": [.simplifiedChinese: "已注册终端 {device}：稽查员 {auditor}，副本 {replica}",
                                   .english: "enrolled {device} for auditor {auditor} as replica {replica}"],
        "server.device.revoked": [.simplifiedChinese: "已吊销终端 {device}", .english: "revoked {device}"],
        "server.device.none": [.simplifiedChinese: "没有已注册的终端", .english: "no devices enrolled"],
        "server.device.column.name": [.simplifiedChinese: "终端", .english: "name"],
        "server.device.column.auditor": [.simplifiedChinese: "稽查员", .english: "auditor"],
        "server.device.column.replica": [.simplifiedChinese: "副本", .english: "replica"],
        "server.device.column.state": [.simplifiedChinese: "状态", .english: "state"],
        "server.device.column.keys": [.simplifiedChinese: "密钥", .english: "keys"],
        "server.device.column.last_refusal": [.simplifiedChinese: "最近一次被拒的推送", .english: "last refused push"],
        "server.device.state.active": [.simplifiedChinese: "在用", .english: "active"],
        "server.device.state.revoked": [.simplifiedChinese: "已吊销", .english: "revoked"],

        "server.user.added": [.simplifiedChinese: "已添加用户 {name}，角色：{role}", .english: "added {name} as {role}"],
        "server.user.disabled": [.simplifiedChinese: "已停用用户 {name}", .english: "disabled {name}"],
        "server.user.state.active": [.simplifiedChinese: "启用", .english: "active"],
        "server.user.state.disabled": [.simplifiedChinese: "已停用", .english: "disabled"],
        "server.user.role.dispatcher": [.simplifiedChinese: "调度员", .english: "dispatcher"],
        "server.user.role.supervisor": [.simplifiedChinese: "主管", .english: "supervisor"],
        "server.user.role.admin": [.simplifiedChinese: "管理员", .english: "admin"],
        "server.user.refused.invalid_name": [
            .simplifiedChinese: "不是有效的用户名：{name}（只能用小写字母、数字、“.”、“_”和“-”，最多 64 个字符）",
            .english: "not a user name: {name} (lower-case letters, digits, '.', '_' and '-', at most 64)"],
        "server.user.refused.short_password": [.simplifiedChinese: "密码至少需要 {count} 个字符", .english: "a password needs at least {count} characters"],
        "server.user.refused.exists": [.simplifiedChinese: "用户 {name} 已存在", .english: "user {name} exists already"],
        "server.user.refused.unknown": [.simplifiedChinese: "没有用户 {name}", .english: "no user {name}"],
        "server.user.password.prompt": [.simplifiedChinese: "{name} 的密码：", .english: "Password for {name}: "],
        "server.user.password.again": [.simplifiedChinese: "再输入一次：", .english: "Again: "],
        "server.user.password.none_on_input": [.simplifiedChinese: "标准输入中没有密码", .english: "no password on standard input"],
        "server.user.password.none": [.simplifiedChinese: "没有输入密码", .english: "no password given"],
        "server.user.password.differ": [.simplifiedChinese: "两次输入的密码不一致", .english: "the two passwords differ"],

        "server.packet.wrote": [.simplifiedChinese: "已写入 {file}：工单 {order}，{customers} 户，{devices} 台设备，{visits} 次走访{map}",
                                .english: "wrote {file}: work order {order}, {customers} customers, {devices} devices, {visits} visits{map}"],
        "server.packet.map": [.simplifiedChinese: "；含该区域道路图，{bytes} 字节", .english: "; road map of the area, {bytes} bytes"],
        "server.packet.no_map": [.simplifiedChinese: "；无道路图（尚未导入）", .english: "; no road map (none imported)"],
    ]
}
