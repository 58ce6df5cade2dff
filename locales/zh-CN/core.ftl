# Liaison 的词汇：数据库和文件中每个代码的显示名称（crates/core/src/model.rs）。
# 代码不随语言改变，名称随语言改变。

org-kind-government = 政府机构
org-kind-university = 高等院校
org-kind-research = 研究机构
org-kind-international = 国际组织
org-kind-ngo = 非政府组织
org-kind-company = 企业
org-kind-other = 其他

visit-kind-incoming_delegation = 来访团组
visit-kind-outgoing_delegation = 出访团组
visit-kind-seminar = 研讨会
visit-kind-meeting = 会见

visit-status-draft = 草稿
visit-status-planned = 已计划
visit-status-confirmed = 已确认
visit-status-completed = 已完成
visit-status-cancelled = 已取消

side-host = 主方
side-guest = 客方

role-head_of_delegation = 团长
role-host = 东道主
role-member = 团员
role-speaker = 发言人
role-interpreter = 翻译
role-note_taker = 记录员
role-liaison_officer = 联络员
role-staff = 工作人员
role-observer = 观察员

agenda-kind-meeting = 会谈
agenda-kind-talk = 报告
agenda-kind-tour = 参观
agenda-kind-meal = 用餐
agenda-kind-transfer = 交通
agenda-kind-seminar_session = 研讨环节
agenda-kind-free_time = 自由活动

agenda-status-tentative = 暂定
agenda-status-confirmed = 已确认
agenda-status-cancelled = 已取消

follow-up-status-open = 待办
follow-up-status-in_progress = 进行中
follow-up-status-done = 已完成
follow-up-status-dropped = 已放弃

## 值的问题（crates/core/src/problem.rs）。每条前面显示字段或文件中的位置。

problem-required = 为必填项
problem-name-required = 为必填项（拉丁字母、中文或本国文字姓名，至少一种）
problem-not-chinese = 须用汉字书写；其他文字的姓名请填在拉丁字母或本国文字一栏
problem-zone-required = 为必填项（IANA 时区，如 Asia/Shanghai）
# $character：字符的码位，如 U+0007。
problem-not-one-line = 必须为单行，不能含控制字符（发现 { $character }）
problem-control-character = 含有控制字符（{ $character }）
problem-deceptive = 含有不可见或改变文字方向的字符（{ $character }）；请重新输入，不要包含它
problem-too-long = 超过 { $max } 个字符
problem-too-many-entries = 有 { $count } 项；最多允许 { $max } 项
problem-more-entries-than = 超过 { $max } 项
problem-not-email = “{ $value }”不是电子邮件地址，格式如 name@example.org
problem-not-https = “{ $value }”不是以 https:// 开头的网址
problem-not-phone = “{ $value }”不是电话号码，格式如 +86 10 5880 0000
problem-unknown-zone = “{ $value }”不是已知的 IANA 时区（例如 Asia/Shanghai、Europe/Geneva）
problem-not-date-time = “{ $value }”不是日期和时间，格式如 2021-06-11T09:30
problem-not-date = “{ $value }”不是日期，格式如 2021-06-30
problem-outside-years = “{ $value }”不在 { $first } 年至 { $last } 年之间
# $time：当地时间；$zone：IANA 时区；$first、$second：UTC 偏移。
problem-skipped-time = { $time } 在 { $zone } 不存在（此时正值调整时钟）
problem-repeated-time = { $time } 在 { $zone } 出现两次（此时正值调整时钟）；请注明偏移：{ $first } 或 { $second }
problem-end-before-start = 必须晚于开始时间
problem-same-organisation = 必须与主方机构不同
problem-too-many-participants = 超过 { $max } 人
problem-organizer-needed = 邀请或取消通知需要组织者的电子邮箱：请填写一个，或为以下访问的接待方人员添加电子邮箱：{ $titles }
problem-nothing-to-invite = 没有可作为邀请发送的内容：其中无人有电子邮箱，或全部已取消；请改为发布日历，或添加电子邮箱

## 记录的修改历史，以句子表述（crates/core/src/history.rs）

# $field：Liaison 文档中字段的键名。
history-field = { $field ->
    [start] 开始时间
    [end] 结束时间
    [host_org_id] 主方
    [guest_org_id] 客方
    [organisation_id] 机构
    [owner_id] 负责人
    [counterpart_org_id] 对方机构
    [participant_ids] 参加人员
    [precedence] 排序
    [host_ids] 主方排序
    [guest_ids] 客方排序
    [native_name] 本国文字名称
    [chinese_name] 中文名称
    [time_zone] 时区
    [online_link] 线上链接
    [due_date] 截止日期
    [dietary_needs] 饮食要求
    [access_needs] 无障碍需求
    [title] 标题
    [name] 拉丁字母名称
    [kind] 类型
    [status] 状态
    [purpose] 目的
    [venue] 地点
    [topics] 议题
    [notes] 备注
    [minutes] 纪要
    [email] 电子邮件
    [phone] 电话
    [languages] 语言
    [acronym] 简称
    [country] 国家
    [location] 地点
    [description] 说明
    [side] 所属方
    [role] 角色
   *[other] { $field }
}
history-nothing = 空
history-gone = 已不在通讯录中的人员
history-quoted = “{ $text }”
history-list-separator = 、
history-separator = ；
# $entity：visit、agenda_item 或 follow_up。
history-subject = { $entity ->
    [visit] 来访
    [agenda_item] 日程项
   *[follow_up] 后续事项
}“{ $label }”
history-participant-added = { $who } 将 { $what } 加入来访
history-participant-removed = { $who } 将 { $what } 移出来访
history-created = { $who } 创建了{ $what }
history-created-record = { $who } 创建了{ $entity ->
    [person] 人员
   *[organisation] 机构
} { $what }
history-added = { $who } 添加了{ $what }
history-deleted = { $who } 删除了{ $what }
history-renamed = { $who } 将{ $entity ->
    [visit] 来访
    [agenda_item] 日程项
   *[follow_up] 后续事项
}“{ $old }”改名为“{ $new }”
history-changed = { $who } 修改了{ $what }
history-moved = { $who } 将{ $what }从 { $from } 移到 { $to }
history-changed-parts = { $who } 修改了{ $what }：{ $parts }
history-part-changed = 修改了{ $field }
history-part-moved = 从 { $from } 移到 { $to }
history-part-renamed = 原名“{ $old }”
history-part-changed-from = 将{ $field }从 { $from } 改为 { $to }
history-part-added = 增加了 { $names }
history-part-removed = 去掉了 { $names }
history-part-added-and-removed = 增加了 { $added }，去掉了 { $removed }

## 关于记录的错误（crates/core/src/error.rs）

# $entity：visit、person、organisation、agenda_item、follow_up、participant
# 或 previewed_import；$id：所要找的记录。
error-not-found = { $entity ->
    [visit] 来访
    [person] 人员
    [organisation] 机构
    [agenda_item] 日程项
    [follow_up] 后续事项
    [participant] 参加人员
    [previewed_import] 预览的导入
   *[other] { $entity }
} { $id } 不存在
error-stale = 自您打开以来，此{ $entity ->
    [visit] 来访
    [person] 人员
    [organisation] 机构
    [agenda_item] 日程项
    [follow_up] 后续事项
   *[other] { $entity }
}已在别处被修改；没有保存任何内容

## 导出日历的选项（crates/core/src/calendar/export.rs）

calendar-method-publish = 可导入或订阅的日历
calendar-method-request = 发给参加人员的邀请
calendar-method-cancel = 取消已发送的内容
calendar-tasks-todo = 作为有截止日期的任务
calendar-tasks-events = 作为截止日当天的全天活动（Google、Outlook）
calendar-tasks-none = 不导出
## Liaison 写入日历文件的文字（crates/core/src/calendar/export.rs 与
## described.rs）。导入时按所有语言识别这些行，因此每个标签在其值前后的
## 文字须互不相同。

calendar-participants = 参加人员：
# $visit：访问的标题。
calendar-visit = 所属访问：{ $visit }
# $name：负责人的姓名。
calendar-owner = 负责人：{ $name }
calendar-counterpart = 对口单位：{ $organisation }
# $status：后续事项的状态，用上面的词。
calendar-status = 状态：{ $status }
calendar-from-visit = 来自访问：{ $visit }
# 后续事项写成截止日当天的全天活动时。
calendar-due = 截止：{ $title }
calendar-host = 接待方：{ $organisation }
calendar-guest = 来访方：{ $organisation }
# $topics：访问的议题列表。
calendar-topics = 议题：{ $topics }
# $city：时区所在城市（上海）；$zone：IANA 时区（Asia/Shanghai）。
calendar-planned-in = 按{ $city }时间（{ $zone }）安排。
calendar-planned-in-zone = 按 { $zone } 时区安排。
# $titles：加引号的标题列表。
calendar-left-out-cancelled = 未列入邀请（已取消，请以取消通知发送）：{ $titles }
calendar-left-out-nobody = 未列入邀请（没有可邀请的电子邮箱）：{ $titles }
calendar-left-out-undated = 有 { $count } 项后续事项没有截止日期，未导出：日历活动需要日期
# $names：姓名列表。
calendar-not-invited = 未邀请（没有电子邮箱）：{ $names }

## 句中的列表与引文

# 列表各项之间的分隔符。
list-separator = 、
# 句中引用的标题或姓名。
quoted = “{ $text }”


## 提醒（保存已完成，但有需要留意的地方）

# $start、$end：来访的起止日期和时间（来访当地时间）。
warning-outside-visit = 不在来访日期之内（{ $start } 至 { $end }）
warning-item-now-outside = 日程项“{ $title }”（{ $start }）现已不在来访日期之内
warning-overlap = { $person } 同一时间还在“{ $item }”中
warning-overlap-elsewhere = { $person } 同一时间还在来访“{ $visit }”的“{ $item }”中
