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
to-act-us = 我方
to-act-them = 对方
to-act-both = 双方
search-kind-visit = 来访
search-kind-person = 人员
search-kind-organisation = 机构
search-kind-agenda_item = 日程项
search-kind-follow_up = 后续事项
search-kind-room = 会议室
search-field-title = 标题
search-field-name = 姓名
search-field-chinese_name = 中文名
search-field-native_name = 其他文字姓名
search-field-acronym = 简称
search-field-purpose = 目的
search-field-venue = 地点
search-field-topics = 议题
search-field-notes = 备注
search-field-minutes = 纪要
search-field-location = 地点
search-field-description = 说明
search-field-job_title = 职务
search-field-email = 电子邮件
search-field-country = 国家
search-field-building = 楼宇
search-field-equipment = 设备
conflict-kind-person_double_booked = 时间冲突
conflict-kind-interpreter_double_booked = 译员时间冲突
conflict-kind-room_double_booked = 房间重复预订
conflict-kind-over_capacity = 超出房间容量
conflict-kind-outside_availability = 该时间不便
availability-kind-away = 不在
availability-kind-only = 仅在以下时间

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
problem-not-one-of = “{ $value }”不是以下之一：{ $choices }
problem-unknown-field = 此处没有字段“{ $field }”（可用字段：{ $choices }）
# $found 和 $expected 为 serde 的英文原话：integer `5`、a string。
problem-wrong-type = 类型不对：{ $found }，此处应为 { $expected }
problem-unknown-zone = “{ $value }”不是已知的 IANA 时区（例如 Asia/Shanghai、Europe/Zurich）
problem-not-date-time = “{ $value }”不是日期和时间，格式如 2021-06-11T09:30
problem-not-date = “{ $value }”不是日期，格式如 2021-06-30
problem-outside-years = “{ $value }”不在 { $first } 年至 { $last } 年之间
# $time：当地时间；$zone：IANA 时区；$first、$second：UTC 偏移。
problem-skipped-time = { $time } 在 { $zone } 不存在（此时正值调整时钟）
problem-carried-onto-own-visit = 本身就是本次来访的后续事项；只能转入其他来访的后续事项
problem-nothing-to-move-past = 该方向上没有同一时间开始的其他日程项
problem-out-of-range = 必须是 { $min } 到 { $max } 之间的整数
problem-not-passport-number = “{ $value }”不是护照号码（5 至 20 位字母和数字）
problem-born-after-today = 必须是今天以前的日期
problem-passport-expires-first = 在访问结束日（{ MOMENT($end) }）之前到期
problem-no-such-conflict = 并无此冲突（相关日程项可能已调整）
problem-repeated-time = { $time } 在 { $zone } 出现两次（此时正值调整时钟）；请注明偏移：{ $first } 或 { $second }
problem-end-before-start = 必须晚于开始时间
problem-not-clock-time = “{ $value }”不是像 09:30 这样的时刻
problem-same-organisation = 必须与主方机构不同
problem-too-many-participants = 超过 { $max } 人
problem-organizer-needed = 邀请或取消通知需要组织者的电子邮箱：请填写一个，或为以下访问的接待方人员添加电子邮箱：{ $titles }
problem-nothing-to-invite = 没有可作为邀请发送的内容：其中无人有电子邮箱，或全部已取消；请改为发布日历，或添加电子邮箱

## 无法解析的日历文件：前面注明文件、行号和列号。

problem-ics-line-too-long = 有一行超过 { $max } 个字节
problem-ics-property-name = 此处应为属性名（字母、数字和“-”）
problem-ics-parameter-name = “;”后应为参数名
problem-ics-parameter-equals = 参数 { $parameter } 后应为“=”
problem-ics-quote-unclosed = 带引号的参数值没有结束
problem-ics-quote-inside = 参数值中有双引号
problem-ics-too-many-values = 一个参数的值超过 { $max } 个
problem-ics-too-many-parameters = 一个属性的参数超过 { $max } 个
problem-ics-colon-or-semicolon = { $after } 后应为“:”或“;”
problem-ics-no-value = { $after } 后应为“:”和值
problem-ics-begin-name = BEGIN 需要组件名，如 BEGIN:VEVENT
problem-ics-outside-calendar = { $what } 在 BEGIN:VCALENDAR 之外
problem-ics-too-deep = 组件嵌套超过 { $max } 层
problem-ics-too-many-components = 一个文件中的组件超过 { $max } 个
problem-ics-end-without-begin = END:{ $name } 之前没有对应的 BEGIN
problem-ics-end-mismatch = END:{ $name } 与 BEGIN:{ $open }（第 { $line } 行）不对应
problem-ics-too-many-properties = BEGIN:{ $name }（第 { $line } 行）的属性超过 { $max } 个
problem-ics-never-closed = BEGIN:{ $name }（第 { $line } 行）没有结束：文件先结束了
problem-ics-not-calendar = 没有 BEGIN:VCALENDAR：不是 iCalendar 文件
problem-ics-not-utf8 = 不是 UTF-8 文本（iCalendar 文件使用 UTF-8）
# $detail：系统的原话，如 Input/output error (os error 5)。
problem-ics-unreadable = 无法从此处继续读取文件：{ $detail }
# $detail：serde_json 的原话，如 expected `,` or `}`。
problem-json-syntax = 此处不是有效的 JSON：{ $detail }
problem-cancelled = 已停止：其中的内容均未写入。
problem-database-failed = 数据库无法完成此操作；未作任何修改。
# $detail：出错原因，供报告问题时使用。
problem-internal-fault = Liaison 内部出错；未作任何修改。（{ $detail }）

## 日历文件：前面注明文件、行号和属性。

problem-ics-not-date = “{ $value }”不是日期，格式如 20210611
problem-ics-not-date-time = “{ $value }”不是日期和时间，格式如 20210611T090000
problem-ics-unknown-zone = 时区“{ $zone }”既不是 IANA 时区名，也不是 Windows 时区名
problem-ics-recurring = 不支持重复活动；请在日历应用中展开该系列（或导出单次活动）后再导入
# $component：VEVENT 或 VTODO。
problem-ics-no-uid = { $component } 没有 UID，以后再次导入时将无法找到它
problem-ics-not-duration = “{ $value }”不是时长，格式如 PT1H30M
problem-ics-duration-past-dates = “{ $value }”超出了可表示的日期
problem-ics-only-tasks = 文件中只有任务：请选择它们所属的访问
problem-ics-changed-while-read = { $file } 在导入过程中被修改，因此未写入任何内容：请待写入它的程序完成后重新导入
problem-not-whole-number = “{ $value }”不是整数

## Liaison 文档：前面注明在文件中的位置。

problem-document-not-object = 必须是包含 format、version、organisations、people 和 visits 的 JSON 对象
problem-format-not-liaison = 必须为“{ $expected }”
problem-version-unreadable = 本 Liaison 无法读取版本 { $version }（可读版本为 1 至 { $newest }）；请更新 Liaison
problem-must-be-whole-number = 必须是整数
problem-document-too-large = 有 { $count } 项；一个文档最多 { $max } 项
problem-visit-list-too-long = 有 { $count } 项；一次访问最多 { $max } 项
problem-not-array = 必须是数组
problem-not-object = 必须是对象
problem-not-string = 必须是字符串
problem-not-uuid-string = 必须是 UUID 字符串
problem-not-uuid = “{ $value }”不是 UUID
# $first：文件中第一次使用它的位置。
problem-id-used-twice = 编号 { $id } 也用于 { $first }
# $kind：数据库中持有该编号的记录的类别。
problem-id-taken = 编号 { $id } 已属于数据库中的{ $kind ->
    [visit] 访问
    [person] 人员
    [organisation] 机构
    [agenda_item] 日程项
    [follow_up] 后续事项
   *[other] 会议室
}
problem-uid-used-twice = 日历 UID“{ $uid }”也用于 { $first }
# $kind：两条记录的类别（visit、agenda_item 或 follow_up）。
problem-uid-held = 日历 UID“{ $uid }”已属于数据库中的另一个{ $kind ->
    [visit] 访问
    [agenda_item] 日程项
   *[other] 后续事项
}
problem-person-twice-on-visit = 人员 { $id } 在此访问中出现了两次
problem-counts-from-one = 从 1 开始计数
problem-sequence-range = 必须是 0 到 4294967295 之间的整数
problem-organisation-nowhere = 机构 { $id } 既不在文件中，也不在数据库中
problem-person-nowhere = 人员 { $id } 既不在文件中，也不在数据库中
problem-follow-up-nowhere = 后续事项 { $id } 既不在文件中，也不在数据库中
problem-room-nowhere = 房间 { $id } 既不在文件中，也不在数据库中
problem-not-participant = 人员 { $id } 不是此访问的参加人员
problem-not-in-item = 人员 { $id } 不在此日程项的参加人员中：请先勾选此人
problem-speaks-twice = 被重复列为发言人
problem-organisation-missing = 机构 { $id } 不存在
problem-room-missing = 房间 { $id } 不存在
problem-person-missing = 人员 { $id } 不存在
# $entity：visit 或 person。
problem-ambiguous-id = “{ $text }”匹配 { $count } 个{ $entity ->
    [visit] 访问
    [organisation] 机构
    [follow_up] 后续事项
   *[other] 人员
}；请多输入几位编号
problem-not-an-id = “{ $text }”不是{ $entity ->
    [visit] 访问
    [follow_up] 后续事项
   *[other] 人员
}编号（请输入编号或其前 4 位以上）

## 团队数据库的连接

problem-host-required = 请填写服务器的名称或地址，如 db.example.org
problem-port-invalid = 1 到 65535 之间的数字，留空则为 5432
problem-database-name-required = 请填写数据库名称，如 liaison
problem-user-required = 请填写您在服务器上的用户名
problem-user-invalid = 不是有效的用户名
problem-not-a-file = { $path } 不是文件
problem-no-settings-folder = 不知道此用户的设置文件夹
problem-password-in-url = Liaison 不保存密码：请写在 ~/.pgpass（或 PGPASSWORD）中，不要写在 URL 里
# $side：host 或 guest。
problem-side-order = 必须将{ $side ->
    [host] 主方
   *[other] 客方
}的每位参加人员恰好列出一次

## Liaison 不会打开或修改的数据库：前面注明文件或服务器。

problem-not-sqlite = 不是 Liaison 数据库（根本不是 SQLite 文件）；请选择其他文件
# $mark：文件的应用标识，如 0x12345678。
problem-other-programs-sqlite = 是其他程序的 SQLite 数据库（应用标识 { $mark }），不是 Liaison 的；已原样保留
# $detail：SQLite 的说明。
problem-sqlite-unreadable = 无法作为 SQLite 数据库读取（{ $detail }）
problem-foreign-sqlite = 是其他程序的 SQLite 数据库，不是 Liaison 的；已原样保留（请选择其他文件）
problem-newer-schema = 由更新版本的 Liaison 创建（结构版本 { $newer }；本程序最高支持 { $known }）；请更新 Liaison 后再打开。文件已原样保留
problem-name-not-utf8 = 的名称不是 UTF-8
problem-server-silent = 在 10 秒内没有响应
problem-team-needs-migration = 的结构版本为 { $version }，本 Liaison 需要 { $needed }：须由管理员迁移（liaison team migrate URL）
problem-team-newer = 的结构版本为 { $version }，由更新版本的 Liaison 创建；本程序使用版本 { $known }
problem-team-empty = 是空的，还不是 Liaison 数据库：须由管理员用 liaison team init URL 创建
problem-team-empty-to-migrate = 是空的：用 liaison team init URL 将其建为 Liaison 数据库
problem-team-foreign = 不是 Liaison 数据库（其中有其他表）
problem-team-already-liaison = 已经是 Liaison 数据库
problem-team-not-empty = 不是空的：其中有其他应用的表
problem-no-pg-dump = 迁移前无法备份：找不到 pg_dump（请安装 postgresql-client）
# $detail：系统或 pg_dump 的说明。
problem-backup-unstarted = 无法备份：{ $detail }
problem-backup-failed = 未迁移：备份失败（{ $detail }）
problem-untrusted-certificate = 拒绝了安全连接：服务器的证书不是您信任的证书（请提供本单位的 CA 证书，sslrootcert）（{ $detail }）
problem-unreachable = 无法连接（{ $detail }）
problem-tls-refused = 拒绝了安全连接（{ $detail }）
problem-login-refused = 拒绝了用户名或密码（{ $detail }）
problem-no-such-database = 没有这个数据库（{ $detail }）

## 拒绝：该操作与已存储的内容冲突

problem-organisation-in-use = 该机构仍是某些访问的主方或客方，或是后续事项的对口单位；请先修改这些
problem-room-in-use = 仍有日程项安排在这个房间；请先为它们另选地点
problem-person-in-use = 该人员仍在某次访问中，或负责后续事项；请先移除这些
problem-uid-taken = 文件中的某个日历 UID 已属于数据库中的另一条记录（{ $detail }）
# $problem：原因，即上面的说法。
problem-in-file = { $file }：{ $problem }；未写入任何内容
problem-read-only-viewer = 您可以查看此团队数据库，但不能修改；其管理员可以将您设为协调员

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
    [position] 同一时间各项中的次序
    [to_act] 落实方
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
    [building] 楼宇
    [capacity] 座位数
    [equipment] 设备
    [availability] 可安排时间
    [room_id] 房间
    [chair_id] 主持人
    [speaker_ids] 发言人
    [seating] 座次安排
    [visa_details] 签证邀请函资料（另行保管）
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
    [room] 会议室
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
history-carried = { $who } 将{ $what }转入本次来访（“{ $visit }”）
history-uncarried = { $who } 将{ $what }移出本次来访（“{ $visit }”）
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
    [room] 房间
    [availability] 时间安排
   *[other] { $entity }
} { $id } 不存在
error-stale = 自您打开以来，此{ $entity ->
    [visit] 来访
    [person] 人员
    [organisation] 机构
    [agenda_item] 日程项
    [follow_up] 后续事项
    [room] 房间
    [availability] 时间安排
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
calendar-chair = （主持）
calendar-speaker = （第 { $turn } 位发言）
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
# 为未指明访问的日历文件新建的访问；$file：文件名。
calendar-imported-title = 导入自 { $file }
calendar-imported-notes = 导入自 { $file }。

## 句中的列表与引文

# 列表各项之间的分隔符。
list-separator = 、
# 句中引用的标题或姓名。
quoted = “{ $text }”


## 提醒（保存已完成，但有需要留意的地方）

# $start、$end：来访的起止日期和时间（来访当地时间）。
warning-outside-visit = 不在来访日期之内（{ MOMENT($start) } 至 { MOMENT($end) }）
warning-item-now-outside = 日程项“{ $title }”（{ MOMENT($start) }）现已不在来访日期之内
warning-items-outside-visit = 有 { $count } 项超出了“{ $title }”的日期范围
warning-overlap = { $person } 同一时间还在“{ $item }”中
warning-overlap-elsewhere = { $person } 同一时间还在来访“{ $visit }”的“{ $item }”中
warning-shifted-over-clock-change = 复制后“{ $item }”的时间恰逢 { $zone } 调整时钟；改为 { $time } 开始
