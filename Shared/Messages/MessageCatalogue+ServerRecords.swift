extension MessageCatalogue {
    /// What audit-server's `show`, `history`, `import` and `map import` print for people, and the
    /// names of the writers a record's history shows (`--json`, CSV and ids never change).
    static let serverRecordEntries: [String: [Language: String]] = [
        "writer.tablet": [.simplifiedChinese: "平板 {device}（{auditor}）", .english: "tablet {device} ({auditor})"],
        "writer.office": [.simplifiedChinese: "办公室", .english: "office"],
        "writer.mis": [.simplifiedChinese: "营销系统", .english: "MIS"],
        "writer.replica": [.simplifiedChinese: "{replica}", .english: "{replica}"],
        "writer.by_author": [.simplifiedChinese: "{writer}（{author}）", .english: "{writer} ({author})"],

        "travel.foot": [.simplifiedChinese: "步行", .english: "foot"],
        "travel.car": [.simplifiedChinese: "驾车", .english: "car"],

        "server.cannot_read": [.simplifiedChinese: "无法读取 {file}：文件不存在或不可读", .english: "cannot read {file}: no such file or not readable"],
        "server.cannot_write": [.simplifiedChinese: "无法写入 {file}：{error}", .english: "cannot write {file}: {error}"],

        "server.show.county": [.simplifiedChinese: "区县 {county}", .english: "county {county}"],
        "server.show.conflict": [.simplifiedChinese: "冲突", .english: "CONFLICT"],
        "server.show.written": [.simplifiedChinese: "— {writer}，{time}", .english: "— {writer}, {time}"],
        "server.show.devices": [.simplifiedChinese: "设备：{devices}", .english: "devices: {devices}"],
        "server.show.work_orders": [.simplifiedChinese: "工单：{orders}", .english: "work orders: {orders}"],
        "server.inspect.two_files": [.simplifiedChinese: "请至少给出两个状态文件进行合并", .english: "give at least two state files to merge"],
        "server.inspect.conflicts": [.simplifiedChinese: "{count} 个字段有冲突：需由调度员选择", .english: "{count} field(s) in conflict: a dispatcher must choose"],
        "server.history.heading": [.simplifiedChinese: "{kind} {id}：共 {count} 次写入", .english: "{kind} {id}: {count} writes"],

        "server.import.progress.customers": [.simplifiedChinese: "正在导入用户", .english: "importing customers"],
        "server.import.progress.devices": [.simplifiedChinese: "正在导入设备", .english: "importing devices"],
        "server.import.strict_refused": [.simplifiedChinese: "{count} 行有误；未导入任何内容（--strict）",
                                         .english: "{count} bad row(s); nothing imported (--strict)"],
        "server.import.summary": [.simplifiedChinese: "{file}：共 {rows} 行，新增 {created}，变更 {changed}，未变 {unchanged}，拒收 {rejected}",
                                  .english: "{file}: {rows} rows, {created} new, {changed} changed, {unchanged} unchanged, {rejected} rejected"],
        "server.import.not_outbox": [.simplifiedChinese: "{file} 不是待发送修改文件：{error}", .english: "{file} is not an outbox file: {error}"],
        "server.import.never_enrolled": [.simplifiedChinese: "{file} 来自终端 {device}，该终端从未在此注册；未导入任何内容",
                                         .english: "{file} comes from device {device}, which was never enrolled here; nothing was imported"],
        "server.import.revoked": [.simplifiedChinese: "{file} 来自已吊销的终端 {device}；未导入任何内容",
                                  .english: "{file} comes from device {device}, which was revoked; nothing was imported"],
        "server.import.replayed": [.simplifiedChinese: "{file}：批次 {batch} 此前已导入；没有任何变化",
                                   .english: "{file}: batch {batch} was imported before; nothing changed"],
        "server.import.merged": [.simplifiedChinese: "{file}：已合并来自 {device} 的 {count} 条档案，其中 {conflicts} 条有冲突",
                                 .english: "{file}: {count} record(s) merged from {device}, {conflicts} in conflict"],

        "server.map.progress": [.simplifiedChinese: "导入地图", .english: "map import"],
        "server.map.wrote": [.simplifiedChinese: "已写入 {graph}（{bytes} 字节），读取了 {nodes} 个节点和 {ways} 条道路/地址路径",
                             .english: "wrote {graph} ({bytes} bytes) from {nodes} nodes and {ways} highway/address ways"],
        "server.map.profile": [
            .simplifiedChinese: "{profile}：保留 {nodes} 个节点、{edges} 条边；路网分为 {components} 个连通部分，只保留最大的一个，舍弃其余的 {dropped_nodes} 个节点和 {dropped_edges} 条边",
            .english: "{profile}: {nodes} nodes, {edges} edges kept; dropped {dropped_nodes} nodes and {dropped_edges} edges outside the largest of {components} connected parts"],
    ]
}
