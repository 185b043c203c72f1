extension MessageCatalogue {
    /// What audit-server's `mis sync`, `store copy`, `backup` and `restore` print for people (the
    /// MIS report's CSV and `--json` never change).
    static let serverOperationEntries: [String: [Language: String]] = [
        "server.mis.heading": [.simplifiedChinese: "营销系统同步：读取 {rows} 行", .english: "MIS sync: {rows} rows read"],
        "server.mis.heading_dry_run": [.simplifiedChinese: "营销系统同步（试运行：未保存、未发送任何内容）：读取 {rows} 行",
                                       .english: "MIS sync (dry run: nothing stored, nothing sent): {rows} rows read"],
        "server.mis.outcome.matched": [.simplifiedChinese: "档案一致", .english: "records matched"],
        "server.mis.outcome.new_in_mis": [.simplifiedChinese: "营销系统新增", .english: "new in MIS"],
        "server.mis.outcome.gone_from_mis": [.simplifiedChinese: "营销系统已无", .english: "gone from MIS"],
        "server.mis.outcome.changed_by_mis": [.simplifiedChinese: "营销系统变更的字段", .english: "fields changed by MIS"],
        "server.mis.outcome.conflict_opened": [.simplifiedChinese: "新产生的冲突", .english: "conflicts opened"],
        "server.mis.outcome.correction_sent": [.simplifiedChinese: "已发送的字段更正", .english: "field corrections sent"],
        "server.mis.outcome.correction_rejected": [.simplifiedChinese: "营销系统拒收的更正", .english: "corrections refused by MIS"],
        "server.mis.outcome.row_rejected": [.simplifiedChinese: "拒收的行", .english: "rows rejected"],
        "server.mis.report": [.simplifiedChinese: "对账报告：{file}", .english: "report: {file}"],
        "server.mis.stopped": [.simplifiedChinese: "营销系统同步中止：{error}", .english: "MIS sync stopped: {error}"],
        "server.mis.phase.reading.customers": [.simplifiedChinese: "正在读取用户", .english: "reading customers"],
        "server.mis.phase.reading.devices": [.simplifiedChinese: "正在读取设备", .english: "reading devices"],
        "server.mis.phase.merging.customers": [.simplifiedChinese: "正在合并用户", .english: "merging customers"],
        "server.mis.phase.merging.devices": [.simplifiedChinese: "正在合并设备", .english: "merging devices"],
        "server.mis.phase.sending": [.simplifiedChinese: "正在发送更正", .english: "sending corrections"],
        "server.mis.where": [.simplifiedChinese: "请指明营销系统在哪里：--url URL，或 --from FILE.csv --to DIR",
                             .english: "say where the MIS is: --url URL, or --from FILE.csv --to DIR"],
        "server.mis.url_and_files": [.simplifiedChinese: "--url 不能与 --from/--devices-from 同时使用",
                                     .english: "--url and --from/--devices-from cannot be combined"],
        "server.mis.from_needs_to": [.simplifiedChinese: "--from 需要同时给出 --to DIR，发给营销系统的更正写入该目录",
                                     .english: "--from needs --to DIR, where the corrections for the MIS are written"],
        "server.mis.bad_url": [.simplifiedChinese: "{option} 必须是 http 或 https 地址（收到的是 {url}）",
                               .english: "{option} must be an http or https URL (got {url})"],

        "server.store.same": [.simplifiedChinese: "--from 与 --to 指向同一个存储", .english: "--from and --to name the same store"],
        "server.store.table": [.simplifiedChinese: "{table}：{rows} 行，新增 {new} 行", .english: "{table}: {rows} row(s), {new} new"],
        "server.store.verified": [.simplifiedChinese: "校验通过：各表行数、每条档案状态和每条变更日志均一致",
                                  .english: "verified: every table's row count, every record state and change-log entry match"],
        "server.store.mismatch": [.simplifiedChinese: "副本与源存储不一致：{error}；请停止服务器后重新复制",
                                  .english: "the copy does not match its source: {error}; run the copy again with the server stopped"],

        "server.backup.sqlite_only": [
            .simplifiedChinese: "backup 只复制 SQLite 存储；PostgreSQL 请用 pg_dump 备份（见 README 的“Running a cluster”一节）",
            .english: "backup copies the SQLite store; back up PostgreSQL with pg_dump (see the README, \"Running a cluster\")"],
        "server.backup.failed": [.simplifiedChinese: "备份失败：{error}", .english: "backup failed: {error}"],
        "server.backup.done": [.simplifiedChinese: "已将 {records} 条档案（变更日志位置 {position}）备份到 {file}",
                               .english: "backed up {records} records (change log at {position}) to {file}"],
        "server.restore.postgres_from": [
            .simplifiedChinese: "PostgreSQL 存储用 pg_restore 恢复（见 README 的“Running a cluster”一节），然后运行不带 --from 的 restore",
            .english: "a PostgreSQL store is put back with pg_restore (see the README, \"Running a cluster\"); then run restore without --from"],
        "server.restore.needs_from": [.simplifiedChinese: "请用 --from 指定要恢复的备份文件", .english: "--from names the backup file to put back"],
        "server.restore.failed": [.simplifiedChinese: "恢复失败：{error}", .english: "restore failed: {error}"],
        "server.restore.done": [.simplifiedChinese: "已从 {file} 恢复 {records} 条档案，即存储在 {time} 时的状态",
                                .english: "restored {records} records from {file}, as the store was at {time}"],
        "server.restore.unknown_time": [.simplifiedChinese: "未知时间", .english: "an unknown time"],
        "server.restore.epoch": [
            .simplifiedChinese: "存储纪元 {number}（{id}）：办公室此后以 {server} 写入，营销系统以 {mis} 写入；各平板下次同步时自动跟上",
            .english: "store epoch {number} ({id}): the office now writes as {server}, the MIS as {mis}; tablets catch up on their next sync"],
    ]
}
