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
show-times-in = 时间为 { $zone } 时区
show-with-people = 参加：{ $names }
show-no-date = 无日期
show-owner = 负责人：{ $name }
show-counterpart = 对方：{ $organisation }
