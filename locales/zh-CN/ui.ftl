# 窗口中的文字（ui/src），按出现的位置分组。

## 顶栏（App.svelte）

nav-sections = 栏目
nav-visits = 来访
nav-directory = 通讯录
nav-follow-ups = 后续事项
nav-overdue = 逾期 { $count } 项
nav-conflicts = 冲突
nav-open-conflicts = 未处理 { $count } 项
conflicts-title = 冲突
conflicts-what = 同一人同时出现在两个日程项中（任何来访，尤其是译员）、房间重复预订或容纳不下、或安排在某人说明不便的时间。调整时间、人员或地点，或取消该项即可解决；也可注明原因予以确认。
conflicts-none = 没有冲突。
conflicts-show-acknowledged = 显示已确认的（{ $count }）
conflict-acknowledge = 确认…
conflict-acknowledge-save = 确认
conflict-why = 为什么没有问题
conflict-acknowledged = 已确认；在相关日程项调整之前不再提示
conflict-acknowledged-by = 由 { $actor } 确认：
conflict-reopen = 重新打开
conflict-room-full = { $people } 人，可容纳 { $capacity } 人
agenda-conflict-full = { $kind }：{ $room } 可容纳 { $capacity } 人，本项有 { $people } 人
agenda-conflict-unavailable = { $kind }：{ $who }（见通讯录中的时间安排）
agenda-conflict = { $kind }：{ $who }{ $count ->
    [one] {""}
   *[other] （共 { $count } 人）
}同时在“{ $item }”（{ $visit }）中
register-title = 后续事项登记
register-of-visit = 仅限来访：
register-all-visits = 显示所有来访的
follow-ups-in-register = 在登记表中打开
register-overdue = 逾期 { $count } 项
register-status = 状态
register-still-to-do = 尚待落实
register-any-status = 全部状态
register-due = 截止
register-due-any = 不限
register-due-overdue = 已逾期
register-due-this-week = 本周
register-due-this-month = 本月
register-due-no-date = 无截止日期
register-anyone = 不限
register-any-organisation = 全部机构
register-any-side = 不限
register-selection = 已选的后续事项
register-selected = 已选 { $count } 项
register-set-status = 状态改为
register-apply = 应用
register-clear-selection = 取消选择
register-empty = 没有符合这些条件的后续事项。
register-table = 所有来访的后续事项
register-select-page = 选择本页全部后续事项
register-select-one = 选择“{ $title }”
register-col-visit = 来访
register-is-overdue = 已逾期
register-status-of = “{ $title }”的状态
register-status-set = { $count } 项后续事项已改为{ $status }
register-range = 第 { $from }–{ $to } 项，共 { $total } 项
register-previous = 上一页
register-next = 下一页
chip-team = 团队数据库
chip-team-short = 团队
chip-unverified = 连接未经验证
chip-unverified-short = 未验证
chip-unverified-why = 此连接不检查服务器证书（sslmode 不是 verify-full）：网络上的他人可能冒充服务器。
chip-read-only = 只读
chip-read-only-why = 您可以查看此团队数据库，但不能修改；管理员可以将您设为协调员。
action-new-visit = 新建来访
action-database = 数据库…
action-database-why = Liaison 使用哪个数据库
action-help = 键盘快捷键
action-help-why = 键盘快捷键和关于 Liaison（?）
language = 语言
banner-unreachable = 团队数据库没有响应，Liaison 正在重试。所显示的内容可能不是最新的，保存将等到数据库恢复响应。您输入的内容不会丢失。
loading = 正在加载…

## 来访列表（views/VisitList.svelte）

visits-title = 来访
visits-first-title = 规划第一次来访
visits-first-text = Liaison 记录代表团来访和研讨会：谁来、日程、座次，以及商定的事项。
visits-load-sample = 加载示例来访
visits-sample-loaded = 已加载示例来访
visits-import = 导入日历…
visits-export-all = 全部导出…
visits-export-all-what = 所有来访，包括日程和后续事项
visits-scopes = 显示哪些来访
scope-upcoming = 即将到来
scope-past = 已结束
scope-drafts = 草稿
scope-all = 全部
visits-search = 搜索
visits-search-hint = 标题、地点或机构（Ctrl+F）
visits-kind = 类型
visits-all-kinds = 所有类型
visits-status = 状态
visits-all-statuses = 所有状态
# $scope：upcoming、past、drafts 或 all；$searching：yes 或 no；$text：搜索的文字。
visits-none = 没有{ $searching ->
    [yes] 与“{ $text }”匹配的
   *[no] { "" }
}{ $scope ->
    [upcoming] 即将到来的来访。
    [past] 已结束的来访。
    [drafts] 草稿来访。
   *[all] 来访。
}
visits-show-all = 显示全部来访
visits-table = 来访
visits-when = 时间（来访当地）
visits-visit = 来访
visits-orgs = 主方 → 客方
visits-row-status = 状态
visits-count = { $count } 个来访

## 日期和时间（lib/format.ts）

# 同一天内的时间段：$day 为日期，$start 和 $end 为时间。
span-one-day = { $day } { $start }–{ $end }
span-days = { $first } { $start } 至 { $last } { $end }
# core.ftl 的 MOMENT()：日期（$day，已排好格式）和时刻
moment-at = { $day } { $time }

## 来访页面（views/VisitPage.svelte）

tab-overview = 概况
tab-participants = 参加人员
tab-agenda = 日程
tab-follow-ups = 后续事项
tab-notes = 备注和纪要
tab-history = 修改记录
visit-sections = 来访的各部分
visit-back = ← 来访
visit-back-to-list = 返回来访列表
visit-your-zone = （您的时区：{ $zone }）
visit-no-host = 尚无主方
visit-no-guest = 尚无客方
visit-export = 导出到日历…
visit-import = 导入日历…
visit-copy = 以此为模板新建来访…
copy-title = 以此为模板新建来访
copy-name = 新来访的标题
copy-what = 新来访沿用本次的类型、机构、地点、参加人员和日程，日期移到新的第一天。后续事项、备注和纪要仍属于本次来访。
copy-start = 第一天
copy-create = 新建来访
copy-done = 已将“{ $title }”建为草稿
visit-delete = 删除来访
visit-delete-confirm = 删除“{ $title }”及其参加人员、日程和后续事项？此操作无法撤销。
visit-deleted = 已删除来访
unsaved-leave = 有尚未保存的修改。不保存就离开吗？
unsaved-leave-button = 离开

## 提问（lib/state.svelte.ts、App.svelte、components/ConfirmDialog.svelte）

ok = 确定
cancel = 取消
unsaved-close = 有尚未保存的修改。不保存就关闭 Liaison 吗？
unsaved-close-button = 不保存并关闭

## 来访表单（views/VisitForm.svelte）

form-visit = 来访详情
form-notes = 备注和纪要
field-title = 标题
field-kind = 类型
field-status = 状态
field-start = 开始（来访当地时间）
field-end = 结束（来访当地时间）
field-time-zone = 时区
field-host-org = 主方机构
field-guest-org = 客方机构
org-new = 新建机构…
org-new-host = 新建主方机构
org-new-guest = 新建客方机构
field-org-latin = 拉丁字母名称
field-org-chinese = 中文名称
field-org-own = 本国文字名称
field-org-acronym = 简称
field-org-kind = 机构类型
org-add = 添加机构
field-venue = 地点
field-online-link = 线上链接
field-topics = 议题（以逗号分隔）
field-purpose = 目的
field-notes = 备注
field-minutes = 纪要
form-unsaved = 有未保存的修改
form-discard = 放弃修改
form-save = 保存
form-create-visit = 创建来访
visit-saved = 已保存来访
visit-created = 已创建来访

## 日程（views/AgendaPanel.svelte）

agenda-deleted-elsewhere = 此日程项已在别处删除。
agenda-discard = 放弃对此日程项的修改？
agenda-discard-button = 放弃
agenda-saved = 已保存日程项
agenda-saved-warning = 已保存日程项，有一条提醒
agenda-delete-confirm = 从日程中删除“{ $title }”？
delete = 删除
edit = 编辑
duplicate = 复制
# $title：日程项或后续事项的标题，供读屏软件使用。
edit-named = 编辑 { $title }
duplicate-named = 复制 { $title }
delete-named = 删除 { $title }
agenda-new = 新建日程项
agenda-edit = 编辑日程项
field-location = 地点
field-room = 房间
field-room-none = 其他地点（在下面填写）
field-description = 说明
agenda-who = 参加人员
agenda-add = 加入日程
agenda-save = 保存日程项
agenda-move-before = 将“{ $title }”排在同时开始的“{ $other }”之前
agenda-move-after = 将“{ $title }”排在同时开始的“{ $other }”之后
agenda-add-item = 添加日程项
agenda-none = 尚无日程。
# $zone：来访的时区；$own：您的时区，与来访相同时为 none。
agenda-zones = { $own ->
    [none] 时间为{ $zone }时间。
   *[other] 时间为{ $zone }时间；旁边同时显示您的时间（{ $own }）。
}
# $start 和 $end：您所在时区的时间。
agenda-yours = 您的时间 { $start }–{ $end }
agenda-with = 参加：{ $names }
agenda-chair = 主持人
agenda-chair-none = 无主持人
agenda-speakers = 发言人（按发言顺序）
agenda-speaker-add = 添加发言人…
agenda-speaker-earlier = { $name } 在 { $other } 之前发言
agenda-speaker-remove = { $name } 不发言
agenda-chaired-by = 主持：{ $name }
agenda-speakers-list = 发言：{ $names }

## 后续事项（views/FollowUpsPanel.svelte）

follow-up-deleted-elsewhere = 此后续事项已在别处删除。
follow-up-saved = 已保存后续事项
follow-up-delete-confirm = 删除后续事项“{ $title }”？
follow-up-add = 添加后续事项
follow-up-new = 新建后续事项
follow-up-edit = 编辑后续事项
field-agreed = 商定事项
field-owner = 负责人
field-owner-hint = 参加人员，或输入姓名
field-counterpart = 对方机构
field-due = 截止日期
follow-up-save = 保存后续事项
follow-ups-none = 尚无后续事项。
follow-ups-table = 后续事项
col-agreed = 商定事项
col-owner = 负责人
col-counterpart = 对方
field-to-act = 落实方
col-to-act = 落实方
carry-offer = 与{ $orgs }以往来访中有 { $count } 项尚未落实
carry-show = 展开
carry-hide = 收起
carry-all = 全部转入本次来访
carry-one = 转入本次来访
carry-one-named = 将“{ $title }”转入本次来访
carry-done = 已将 { $count } 项后续事项转入本次来访
carry-undone = 已移出本次来访；它仍属于原来访
carried-title = 从以往来访转入（{ $count }）
carry-take-off = 移出
carry-take-off-named = 将“{ $title }”移出本次来访
col-due = 截止
col-status = 状态
col-actions = 操作

## 参加人员（views/ParticipantsPanel.svelte）

participant-choose = 请选择人员
participant-added = 已添加参加人员
# $name：此人姓名的两种写法。
participant-remove-confirm = 将 { $name } 从此来访及其日程项中移除？
participant-remove = 移除
# $side：host 或 guest。
participants-side = { $side ->
    [host] 主方
   *[guest] 客方
}
participants-order = { $side ->
    [host] 主方参加人员（按礼宾顺序）
   *[guest] 客方参加人员（按礼宾顺序）
}
participants-nobody = 尚无人员。
participant-role-of = { $name } 的角色
participant-up = 将 { $name } 上移
participant-down = 将 { $name } 下移
participant-remove-named = 移除 { $name }
participant-add = 添加参加人员
participant-add-title = 添加参加人员
participant-add-open = 添加参加人员…
participant-who = 人员
participant-new-person = 新人员
participant-existing = 通讯录中的人员
field-person = 人员
field-person-title = 职务
field-organisation = 机构
field-side = 所属方
field-role = 角色
done = 完成
field-person-title-example = 副主任

## 通讯录（views/Directory.svelte）

saved = 已保存
directory-delete-confirm = 从通讯录中删除此条目？
directory-title = 通讯录
directory-people = 人员
directory-organisations = 机构
directory-rooms = 房间
rooms-new = 新建房间
rooms-none = 还没有房间。
rooms-room = 房间
rooms-choose = 请选择或新建房间。安排在房间里的日程项会与该房间的其他预订及座位数核对。
rooms-name-latin = 拉丁字母名称
rooms-name-chinese = 中文名称
rooms-building = 楼宇
rooms-capacity = 座位数
rooms-capacity-number = 请填写座位数（整数），或留空
rooms-equipment = 设备
rooms-seats = { $count } 个座位
availability-title = 不便安排的时间
availability-none = 未说明：任何时间都可安排。
availability-add = 添加时段…
availability-kind = 类型
availability-first = 第一天
availability-last = 最后一天
availability-from = 从（时:分）
availability-to = 到（时:分）
availability-save = 添加
availability-delete = 删除时段 { $days }
# $tab：people 或 organisations。
directory-filter = { $tab ->
    [people] 筛选人员
   *[organisations] 筛选机构
}
directory-filter-hint = { $tab ->
    [people] 姓名或机构
   *[organisations] 任一种名称写法
}
directory-new = { $tab ->
    [people] 新建人员
   *[organisations] 新建机构
}
directory-nothing-matches = 没有匹配的条目。
directory-nobody = 尚无条目。
directory-showing = 显示 { $total } 条中的 { $shown } 条；请筛选以找到其余条目。
directory-person = 人员
directory-organisation = 机构
field-name-latin = 拉丁字母姓名
field-name-chinese = 中文姓名
field-name-own = 本国文字姓名
# 日期时间字段的各部分，供读屏软件朗读。
date-year = 年
date-month = 月
date-day = 日
date-hour = 时
date-minute = 分
field-title-rank = 职务或职级
field-email = 电子邮件
field-phone = 电话
field-languages = 语言（以逗号分隔）
field-dietary = 饮食要求
field-access = 无障碍需求
field-country = 国家
create = 创建
directory-visits = 来访
directory-follow-ups = 商定的后续事项
directory-no-follow-ups = 没有以该机构为对方的后续事项。
directory-owed-to = 我方对{ $name }的承诺（我方落实）
directory-owed-by = { $name }的承诺（对方落实）
directory-itinerary = { $name } 的行程
directory-export-itinerary = 导出行程…
directory-no-visits = 尚无来访。
directory-history = 修改记录
directory-choose = { $tab ->
    [people] 请在左侧选择人员，或新建一个。
   *[organisations] 请在左侧选择机构，或新建一个。
}

## 导出日历（components/CalendarExportDialog.svelte）

export-title = 导出到日历
export-send-as = 发送方式
export-follow-ups = 后续事项
export-organizer = 组织者电子邮件（可选）
export-organizer-hint = 第一个有电子邮件的主方人员
export-busy = 正在导出…
export-run = 导出…
# $method：publish、request 或 cancel；$events、$todos：数量；$file：保存位置。
export-done = 已保存{ $method ->
    [request] 邀请
    [cancel] 取消通知
   *[publish] 日历
}：{ $events } 个活动、{ $todos } 个任务，位于 { $file }

## 导入日历（components/CalendarImportDialog.svelte、DocumentImportDialog.svelte）

# 长时间的操作（导入大文件）及其进度。
progress-checking = 正在检查文件……
progress-writing = 正在导入……
progress-exporting = 正在导出……
progress-typesetting = 正在排版文档……
progress-finishing = 正在收尾……
progress-stopping = 正在停止，并撤销已做的部分……
progress-percent = 已完成 { $percent }%
import-kind-visit = 来访
import-kind-agenda-item = 日程项
import-kind-follow-up = 后续事项
import-done = 已导入 { $file }：新增 { $added } 项，更新 { $updated } 项，{ $unchanged } 项未变
import-done-document = 已导入 { $file }：新增 { $added } 项，更新 { $updated } 项
import-refused = 无法导入此文件
import-nothing-changed = 没有做任何修改。
close = 关闭
import-title = 导入 { $file }
import-into = 导入到
import-new-visit = 新来访
import-nothing-to-change = 无需修改：此文件中的内容都已存在，版本相同或更新。
import-will-add = 将新增
import-will-update = 将更新
import-left-alone = 保持不变
import-and-more = 另有 { $count } 项
import-read-only = 您可以查看此团队数据库，但不能修改，因此无法导入。
import-busy = 正在导入…
import-run = 导入
import-no-records = 此文档不含任何记录。
import-added = 新增
import-updated = 更新
import-unchanged = 未变
import-changes = 对已存内容的修改
import-document-unchanged = 无需修改：此文档中的内容都已存在。
import-empty-value = （空）

## 键盘快捷键和关于（components/ShortcutsPanel.svelte、lib/shortcuts.ts）

shortcuts-title = 键盘快捷键
shortcut-new-visit = 新建来访
shortcut-search = 搜索来访
shortcut-save = 保存当前表单
shortcut-close = 关闭当前表单或对话框
shortcut-help = 显示这些快捷键
shortcut-move = 上移或下移当前参加人员
about-title = 关于 Liaison
about-version = 版本 { $version }
about-data = 您的数据：
about-team = （团队数据库）

## 修改记录（components/HistoryList.svelte）

history-none = 尚无修改记录。
history-list = 修改记录

## 选择人员（components/PersonPicker.svelte）

picker-hint = 输入姓名、职务或机构
picker-nobody-matches = 没有匹配的人员。
picker-nobody = 尚无可选人员。

## 保存时遇到别处的修改（lib/stale.ts）

# $what：record、visit、agenda-item、follow-up、person 或 organisation。
stale-question = 自您打开以来，此{ $what ->
    [visit] 来访
    [agenda-item] 日程项
    [follow-up] 后续事项
    [person] 人员
    [organisation] 机构
   *[record] 记录
}已在别处被修改（在另一个窗口、命令行或通过导入）。保留您的版本并覆盖对方的修改，还是重新载入对方的版本并放弃您在此输入的内容？
stale-keep = 保留我的
stale-reload = 载入对方的

## 数据库设置（components/DatabaseDialog.svelte）

tls-verify-full = 加密，验证服务器（跨网络时请使用）
tls-require = 加密，不验证服务器
tls-disable = 不加密（仅限本机上的服务器）
database-unsaved = 有尚未保存的修改。不保存就切换数据库吗？
database-switch = 切换
database-title = 数据库
# $kind：team 或 file。
database-now = 当前：{ $kind ->
    [team] 团队数据库
   *[file] 本机
} —
database-where = Liaison 在哪里保存您的来访
database-file = 在本机
database-file-detail = （您自己的文件）
database-file-default = （您自己的文件：{ $file }）
database-team = 本单位的团队数据库
field-server = 服务器
field-port = 端口
field-database = 数据库
field-user = 用户名
field-connection = 连接
field-ca = 本单位的 CA 证书（.pem 文件；公共 CA 留空）
database-password = 密码从 ~/.pgpass（或 PGPASSWORD）读取，与 psql 相同；Liaison 从不保存密码。
database-unverified = 此连接不验证服务器：网络上的他人可能冒充服务器。请仅在可信的网络中使用。
# $visits、$people：团队数据库中的数量；$write：yes 或 no。
database-connected = 已连接：一个 Liaison 团队数据库，有 { $visits } 次访问、{ $people } 位人员。{ $write ->
    [yes] 您可以规划（读写）。
   *[no] 您只能查看，不能修改。
}
database-verified = 服务器已验证。
database-connecting = 正在连接…
database-test = 测试连接
database-switch-restart = 切换并重新启动

## 整个窗口的消息（App.svelte、lib/uncaught.ts）

team-back = 团队数据库已恢复响应，显示的内容是最新的。
database-updated = Liaison 已为此版本更新了您的数据库。更新前的数据库保存在 { $path }
something-wrong = 出错了：{ $message }

## 错误（lib/api.ts）

error-fields = 有 { $count } 个字段需要修改
shortcut-find = 搜索全部
action-find = 搜索…
search-title = 搜索全部
search-label = 搜索来访、人员、机构、会议室、日程项、后续事项、备注和纪要
search-placeholder = 搜索全部：姓名（任一形式）、标题、备注、纪要……
search-results = 结果
search-in = { $field }：
search-more = ……还有更多：再加一个词可缩小范围
search-none = 没有找到“{ $query }”。
search-hint = 中文可按任意连续字词查找（如“和震”）；其他文字按词首查找，不区分大小写，带不带重音符号均可（muller 可找到 Müller）。
search-keys-move = 移动
search-keys-open = 打开
search-keys-close = 关闭
nav-calendar = 日历
visit-back-calendar = ← 日历
calendar-week-of = { $first } – { $last }
calendar-own-time = { $here }（{ $zone } { $there }）
calendar-previous = 上一页
calendar-previous-why = 上一页（P 或 Page Up）
calendar-next = 下一页
calendar-next-why = 下一页（N 或 Page Down）
calendar-today = 今天
calendar-today-why = 今天（T）
calendar-view = 视图
calendar-month = 月
calendar-week = 周
calendar-day = 日
calendar-undo = 撤销移动“{ $title }”
calendar-zone = 显示时区
calendar-own-zone = 我的时区（{ $zone }）
calendar-colour = 颜色依据
calendar-colour-kind = 来访类型
calendar-colour-status = 来访状态
calendar-any = 全部
calendar-anyone = 任何人
calendar-organisation = 机构
calendar-person = 人员
calendar-room = 会议室
calendar-clipped = 这些日期中的日程项太多，无法全部显示：请用筛选条件缩小范围。
calendar-clocks-forward = { $at } 时钟拨快（{ $before } → { $after }）
calendar-clocks-back = { $at } 时钟拨回（{ $before } → { $after }）
calendar-more = 另有 { $count } 项
calendar-moved = 已移动“{ $title }”。按 Ctrl+Z 可撤销。
calendar-move-undone = 已将“{ $title }”移回原处。
calendar-go-to = 跳转到
calendar-conflicts = 有 { $count } 项冲突
calendar-item-warning = “{ $title }”{ $warning }
shortcut-calendar-period = 日历：今天、下一页、上一页
shortcut-calendar-view = 日历：月、周、日视图
shortcut-calendar-undo = 日历：撤销上一次移动
tab-documents = 文件
documents-kind = 文件
documents-seating = 座次图
seating-title = 座次
seating-honour = 尊位
seating-honour-right = 以右为尊（国际惯例）
seating-honour-left = 以左为尊（国内惯例）
seating-interpreter = 译员座位
seating-interpreter-behind = 主谈人身后
seating-interpreter-beside = 主谈人身旁
seating-table-size = 宴会每桌座位数
seating-at = 调换场合
seating-at-meeting = 会谈桌
seating-at-banquet = 宴会
seating-first = 人员
seating-second = 与之互换座位
seating-swap = 互换座位
seating-reset = 恢复礼宾顺序
documents-letter-invitation = 邀请函
documents-letter-visa = 签证邀请函
documents-letter-thanks = 感谢信
letter-template = 模板
letter-template-builtin = Liaison 自带
letter-template-choose = 选择模板…
letter-template-builtin-use = 改用 Liaison 自带模板
visa-explained = 为每位保存了护照资料的人各生成一封。这些资料仅用于本次访问的签证邀请函，不会写入日历文件或导出文件，访问结束后应予删除。
visa-kept = 已保存护照资料
visa-none = 无护照资料
visa-add = 录入护照资料
visa-edit = 修改
visa-delete = 删除
visa-save = 保存护照资料
visa-passport-name = 姓名（与护照一致）
visa-gender = 性别（与护照一致）
visa-gender-F = 女（F）
visa-gender-M = 男（M）
visa-gender-X = 未注明（X）
visa-nationality = 国籍
visa-date-of-birth = 出生日期
visa-passport-number = 护照号码
visa-passport-expiry = 护照有效期至
visa-relationship = 与邀请单位的关系
visa-expenses = 费用承担方式
visa-purge = 删除本次访问的全部护照资料
visa-purge-confirm = 删除本次访问所有人员的护照资料？此后将无法再生成其签证邀请函。
visa-purged = 已删除 { $count } 人的护照资料。
documents-briefing = 访问简报
documents-programme = 日程安排
documents-cards = 桌签
documents-badges = 胸卡
documents-lang = 语言
documents-lang-both = 中英双语
documents-lang-zh = 中文
documents-lang-en = 英文
documents-save = 另存为 PDF…
documents-saved = 已保存 { $file }（{ $pages } 页）
documents-open = 打开
documents-typesetting = 正在排版…
documents-preview = 文件各页，与打印效果一致
documents-page = 第 { $page } 页，共 { $pages } 页
