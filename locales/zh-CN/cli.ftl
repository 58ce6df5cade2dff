# 命令行的文字输出（crates/cli/src/render.rs）。脚本读取 --json，它不随语言改变。

visits-none = 还没有来访。加载示例：liaison sample
visits-heading-id = 编号
visits-heading-when = 时间（当地）
visits-heading-zone = 时区
visits-heading-status = 状态
visits-heading-orgs = 主方 / 客方
visits-heading-title = 标题

show-id = 编号
show-kind = 类型
show-when = 时间
show-host = 主方
show-guest = 客方
show-venue = 地点
show-online = 线上
show-topics = 议题
show-purpose = 目的
show-participants = 参加人员
show-agenda = 日程
show-follow-ups = 后续事项
show-notes = 备注
show-minutes = 纪要
show-none-yet = 暂无
show-cancelled = 已取消
show-at = 地点：{ $place }
show-times-in = 时间为{ $zone }时间
show-with-people = 参加：{ $names }
show-no-date = 无日期
show-owner = 负责人：{ $name }
show-counterpart = 对方：{ $organisation }

## 导入和导出

# $kind：organisations、people、visits、participants、agenda_items 或 follow_ups。
count-kind = { $kind ->
    [organisations] 机构
    [people] 人员
    [visits] 来访
    [participants] 参加人员
    [agenda_items] 日程项
   *[follow_ups] 后续事项
}
# 在总数之后，总数单独成列。
counts = （新增 { $added }，更新 { $updated }，未变 { $unchanged }）
imported = 已导入 { $source }：
would-import = 将导入 { $source }（尚未写入任何内容）：
no-field-changes = 已存字段都不会改变。
field-changes = 对已存内容的修改：
history-none = 尚无修改记录。
# $method：publish、request 或 cancel。
exported = { $path }：{ $method ->
    [request] 邀请
    [cancel] 取消通知
   *[publish] 日历
}，含 { $events } 个活动和 { $todos } 个任务
ics-summary = { $source }：{ $dry ->
    [yes] 将导入
   *[no] 已导入
}：新增 { $added }，更新 { $updated }，未变 { $unchanged }
ics-into = 导入到：{ $title } [{ $id }]
ics-into-new = 导入到：{ $title } [{ $id }]（新来访）
# $action：add、update 或 leave。
ics-action = { $action ->
    [add] 新增
    [update] 更新
   *[leave] 不变
}
# $kind：visit、event 或 task。
ics-kind = { $kind ->
    [visit] 来访
    [event] 活动
   *[task] 任务
}
ics-line = （第 { $line } 行）
warning = 提醒：{ $text }

## 桌面程序的系统对话框（src-tauri）

shell-export-title = 导出到日历
shell-import-title = 导入日历文件
shell-calendar-files = 日历（iCalendar）
# $error：出错原因，即存储层的说明。
shell-database-unreadable = Liaison 无法打开数据库。

    { $error }
