# 命令行的文字输出（crates/cli/src/render.rs）。脚本读取 --json，它不随语言改变。

visits-none = 还没有来访。加载示例：liaison sample
visits-heading-id = 编号
visits-heading-when = 时间（当地）
visits-heading-zone = 时区
visits-heading-status = 状态
visits-heading-orgs = 主方 / 客方
visits-heading-title = 标题
register-none = 没有符合条件的后续事项。
register-heading-due = 截止
register-heading-to-act = 落实方
register-heading-owner = 负责人
register-heading-counterpart = 对方
register-heading-agreed = 事项（来访）
register-count = 共 { $total } 项，显示 { $shown } 项；全部逾期 { $overdue } 项（标有 !）
conflicts-none = 没有冲突。
conflicts-heading = { $kind }：{ $who }
conflicts-room-full = { $room }：{ $people } 人，可容纳 { $capacity } 人
conflicts-acknowledged = 已由 { $actor } 确认：{ $note }
conflicts-key = 键：{ $key }
conflicts-count = 未处理 { $open } 项，已确认 { $acknowledged } 项

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
show-carried = 从以往来访转入（{ $count }）
show-earlier-open = 与这些机构以往来访中尚未落实的（{ $count }；用 liaison carry 编号 --into 本来访 转入）
show-notes = 备注
show-minutes = 纪要
show-none-yet = 暂无
show-cancelled = 已取消
show-at = 地点：{ $place }
show-times-in = 时间为{ $zone }时间
show-with-people = 参加：{ $names }
show-chair = 主持：{ $name }
show-speakers = 发言顺序：{ $names }
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
    [rooms] 房间
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
# $action：add、update 或 leave，同 ics-action；$count：未列出的条目数。
ics-more = ……另有 { $count } 项{ $action ->
    [add] 将添加
    [update] 将更新
   *[leave] 保持不变
}
# 长时间导入或导出时，进度条旁的文字。
progress-checking = 检查中
progress-writing = 导入中
progress-exporting = 导出中
progress-typesetting = 排版中
progress-finishing = 收尾中
warning = 提醒：{ $text }

## 桌面程序的系统对话框（src-tauri）

shell-export-title = 导出到日历
shell-document-title = 将文件另存为 PDF
shell-pdf-files = PDF 文件
shell-template-title = 选择信件模板
shell-template-files = 信件模板（文本）
shell-open-unknown = 只能在此打开本次保存的文件。
shell-open-failed = 系统无法打开该文件：{ $error }
shell-import-title = 导入日历文件
shell-calendar-files = 日历（iCalendar）
# $error：出错原因，即存储层的说明。
shell-database-unreadable = Liaison 无法打开数据库。

    { $error }

## 命令行本身的消息（crates/cli/src/lib.rs）

# $error：参数的问题。
cli-see-help = { $error }（见 liaison --help）
cli-unknown-argument = 无法识别的参数“{ $arg }”
cli-unknown-command = 无法识别的子命令“{ $command }”
cli-invalid-value = “{ $arg }”的值“{ $value }”无效
cli-invalid-value-choices = “{ $arg }”的值“{ $value }”无效（可取 { $valid }）
cli-missing-arguments = 缺少以下必需的参数：{ $args }
cli-neither-command-nor-file = “{ $name }”既不是命令也不是文件
cli-no-data-folder = 不知道此用户的数据目录；请用 --db PATH 指定
cli-cannot-start = 无法启动：{ $error }
cli-no-window = 无法打开窗口（{ $program }）：{ $error }
cli-problems = 共 { $count } 个问题；未写入任何内容
cli-migrated = { $database } 已升级到本版本的结构；升级前的数据库保存在 { $copy }
cli-unknown-file-type = { $name }：未知的文件类型；请提供 .json 或 .ics 文件
cli-visit-for-calendars = --visit 只用于日历文件（.ics）
cli-no-such-folder = { $path }：文件夹 { $folder } 不存在

## 命令行帮助（crates/cli/src/lib.rs，`localized`）。参数的帮助为
## help-命令--参数，否则为 help--参数；命令的帮助为 help-命令
## （`export ics` 为 help-export-ics）。

help = 规划代表团来访与研讨会
help-heading-usage = 用法：
help-heading-commands = 命令
help-heading-arguments = 参数
help-heading-options = 选项
help-flag = 显示帮助
help-version-flag = 显示版本
help-after =
    不带子命令时，liaison 打开桌面窗口。

    数据库可以是您自己的文件（--db PATH，否则为 $LIAISON_DB，否则为窗口中的
    “数据库”设置，否则为 $XDG_DATA_HOME/liaison/liaison.db，通常是
    ~/.local/share/liaison/liaison.db），
    也可以是本单位在 PostgreSQL 上的团队数据库（--db postgres://USER@HOST/DB，
    密码取自 $PGPASSWORD 或 ~/.pgpass，TLS 按 libpq 的 sslmode 设置，
    如 ?sslmode=verify-full&sslrootcert=/path/to/ca.pem）。

    示例：
      liaison invitation.ics                 打开窗口，并预览导入该文件的结果
      liaison sample                         载入示例来访
      liaison visits                         列出来访，最近的在前
      liaison show 5a3f1c2e                  按编号或编号前缀显示一次来访
      liaison export json -o backup.liaison.json
                                             将全部内容导出为一个 JSON 文档
      liaison import backup.liaison.json     将文档合并回来
      liaison export ics --visit 5a3f -o visit.ics
                                             导出一次来访，供任何日历应用使用
      liaison export ics --visit 5a3f --method request --organizer me@example.org
                                             同上，作为邀请
      liaison import agenda.ics --visit 5a3f --dry-run
                                             预览导入日历的结果
      liaison team init postgres://admin@db.example.org/liaison
                                             将空数据库建为团队数据库
help--db = 数据库：文件路径，或团队数据库的 postgres:// URL
help--lang = liaison 输出所用的语言：en 或 zh-CN（zh）；文件还可用 both（双语）。默认取 LANGUAGE、LC_ALL、LC_MESSAGES 和 LANG 中第一个指明语言的变量
help--files = 要在窗口中打开的日历文件（.ics）或 Liaison 文档（.json），每个文件显示导入预览。已在该数据库上打开的窗口会接收这些文件
help--json = 输出机器可读的 JSON（见 docs/cli-json.md）
help--output = 写入 FILE，而不是标准输出
help--url = postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…]（libpq 的格式）
help-sample = 载入示例来访（国际扶贫中心访问北京师范大学国家职业教育研究院，2021 年 6 月 11 日）。重复运行不会改变任何内容
help-import = 将 Liaison JSON 文档或日历文件（.ics）合并到数据库：要么全部导入，要么全不导入
help-import--file = Liaison JSON 文档（.json）或日历文件（.ics）
help-import--visit = 日历文件：将新的活动和任务放入这次来访（编号或唯一的编号前缀）。不指定时，放入文件中已知活动所属的来访，或新建一次来访
help-import--dry_run = 显示将会新增、更新和保持不变的内容（对 JSON 文档，显示已存记录中每个将改变的字段），不写入任何内容
help-export = 将数据库或一次来访写成文件
help-export-json = Liaison JSON 文档（见 docs/liaison.schema.json）
help-export-json--visit = 只导出这次来访（编号或唯一的编号前缀），及其所需的人员和机构
help-export-ics = 供日历应用使用的 iCalendar 文件（RFC 5545）：一次来访、某人的行程，或全部
help-export-ics--visit = 一次来访（编号或唯一的编号前缀）：它本身的全天活动、日程和后续事项
help-export-ics--person = 某人在各次来访中的行程（编号或唯一的编号前缀）
help-export-ics--all = 全部来访
help-export-ics--method = publish：可导入的日历；request：发给每位有电子邮箱的参加人员的邀请；cancel：撤回已发送的内容
help-export-ics--tasks = todo：后续事项作为任务（VTODO）；events：作为截止日当天的全天活动，供忽略任务的 Google 日历和 Outlook 使用；none：不导出
help-export-ics--organizer = 组织者的电子邮箱。默认：接待方中第一位有电子邮箱的参加人员
help-visits = 列出来访，最近的在前
help-visits--scope = 列出哪些来访
help-visits--kind = 只列出这一类型的来访
help-visits--status = 只列出这一状态的来访
help-visits--search = 只列出标题、地点或机构中含有 TEXT 的来访
help-follow-ups = 后续事项登记：所有来访的后续事项列在一起，按截止日期排列，逾期的加标记
help-follow-ups--status = 只列出这些状态（可重复，或用逗号分隔）
help-follow-ups--owner = 只列出此人负责的（编号或唯一的编号前缀）
help-follow-ups--counterpart = 只列出对方为此机构的（简称、编号或唯一的编号前缀）
help-follow-ups--visit = 只列出此来访的（编号或唯一的编号前缀）
help-follow-ups--to_act = 只列出由此方落实的：us（我方）、them（对方）或 both（双方）
help-follow-ups--due = 只列出逾期的、本周（周一至周日）或本月到期的，或没有截止日期的
help-follow-ups--sort = 按哪一列排序（空值在后）
help-follow-ups--desc = 倒序排列
help-follow-ups--today = 以这一天代替今天计算（当时逾期的事项）
help-copy = 以以往的来访为模板新建来访：沿用其类型、机构、地点、参加人员和日程，移到新的第一天（草稿；后续事项、备注和纪要不复制）。输出新来访
help-copy--visit = 以往来访的编号，或其唯一的前缀（至少 4 位）
help-copy--start_date = 新来访的第一天，按原来访的时区
help-copy--title = 新来访的标题。默认沿用原标题
help-carry = 将以往来访的后续事项转入后来的来访（关联而非复制：后来的来访会显示它，日历文件也包含它）。输出该来访
help-carry--follow_up = 后续事项的编号，或其唯一的前缀（至少 4 位）
help-carry--into = 转入的来访（编号或唯一的编号前缀）
help-carry--undo = 改为将其移出该来访；它仍属于原来访
help-conflicts = 所有来访之间的冲突：同一人（尤其是译员）同时出现在两个日程项中。默认只列出未处理的，除非加 --all
help-conflicts--visit = 只列出涉及此来访的（编号或唯一的编号前缀）
help-conflicts--all = 包括已确认的
help-acknowledge = 确认一项冲突并注明原因，在相关日程项调整之前不再提示
help-acknowledge--key = 冲突的键，见 liaison conflicts 的输出
help-acknowledge--note = 为什么没有问题（必填）
help-acknowledge--undo = 撤销确认：该冲突重新变为未处理
help-show = 显示一次来访：按礼宾次序排列的参加人员、日程、后续事项
help-show--visit = 来访的编号，或其唯一前缀（4 个字符以上）
help-seating = 来访人员的座次：会谈桌与宴会各桌，按礼宾规则及在其上所作的调换排定。带选项时修改座次（随来访保存）并显示结果
help-seating--visit = 来访的编号，或其唯一前缀（4 个字符以上）
help-seating--honour = 以哪一侧为尊：right（国际惯例，外事活动）或 left（国内惯例）
help-seating--interpreter = 译员座位：behind（主谈人身后）或 beside（主谈人身旁）
help-seating--table_size = 宴会每桌座位数（4 至 24）
help-seating--swap = 会谈桌上同一方的两人互换座位（编号或唯一前缀，以逗号分隔）；可多次使用
help-seating--swap_banquet = 宴会上两人互换座位；可多次使用
help-seating--reset = 先撤销所有调换：每人回到规则排定的座位
cli-seating-pair = “{ $value }”不是以逗号分隔的两个人
seating-rules = { $honour ->
    [left] 以左为尊
   *[right] 以右为尊
 } · { $interpreter ->
    [beside] 译员坐于主谈人身旁
   *[behind] 译员坐于主谈人身后
 } · 宴会每桌 { $size } 人
seating-guests = 客方，面向门（从其左手至右手；* 为主宾）：
seating-hosts = 主方（从其左手至右手；* 为主人）：
seating-behind = 第 { $seat } 座之后：{ $name }
seating-table = 宴会第 { $number } 桌（自面门之座起顺时针）：
help-visa = 签证邀请函所需的护照资料，仅为需要者保存，且从不导出。不带选项时列出本次访问保存的资料
help-visa--visit = 来访的编号，或其唯一前缀（4 个字符以上）
help-visa--person = 保存或删除谁的资料（编号或唯一前缀）
help-visa--passport_name = 与护照完全一致的姓名
help-visa--gender = 与护照一致：F、M 或 X
help-visa--nationality = 国籍
help-visa--born = 出生日期
help-visa--passport = 护照号码
help-visa--expires = 护照有效期至（须晚于访问结束）
help-visa--relationship = 与邀请单位的关系
help-visa--expenses = 费用承担方式
help-visa--delete = 删除 --person 的资料
help-visa--purge = 一次删除本次访问保存的全部护照资料（访问结束后）
cli-visa-purged = 已删除 { $count } 人的签证资料。
visa-none = 本次访问未保存签证资料。
help-history = 谁修改了来访的什么内容（包括参加人员、日程和后续事项），最新的在前
help-history--visit = 来访的编号，或其唯一前缀（4 个字符以上）
help-history--last = 最多显示最近的这么多条修改
help-team = 建立和维护 PostgreSQL 上的团队数据库（供管理员使用）
help-team-init = 将空的 PostgreSQL 数据库建为 Liaison 团队数据库
help-team-check = 检查团队数据库能否打开，不能时说明确切原因
help-team-migrate = 用 pg_dump 备份后，将团队数据库升级到本版本的结构（协调员启动时从不迁移）
help-team-migrate--backup_dir = 备份存放的位置
search-none = 没有找到“{ $query }”。
search-group = { $kind }（{ $count }）
search-more = ……还有更多：请再加词语，或用 --limit 列出更多
help-search = 搜索全部内容：来访（包括备注和纪要）、人员（任一姓名形式）、机构、会议室、日程项和后续事项。中文可按任意连续字词查找；其他文字按词首查找，不区分大小写和重音符号
help-search--text = 要查找的内容（多个词语时须全部找到）
help-search--kind = 只查这些类别：visit、person、organisation、agenda_item、follow_up、room（可重复，或用逗号分隔）
help-search--limit = 每类最多列出这么多项
search-snippet = { $field }：{ $text }
calendar-heading = 时间按 { $zone } 显示；! 表示日程项的未处理冲突数
calendar-nothing = 这些日期中没有安排。
calendar-clipped = 这些日期中的日程项多于列出的数目：请用 --kind、--status、--organisation 或 --person 缩小范围。
calendar-clocks-forward = { $at } 时钟拨快，{ $before } → { $after }
calendar-clocks-back = { $at } 时钟拨回，{ $before } → { $after }
help-calendar = 所有来访的日历，逐日列出：来访，以及日程项在某一时区的时间（默认为本机时区，可用 --zone 指定），并附其本身时区的时间
help-calendar--from = 第一天（默认：今天）
help-calendar--days = 天数，1 至 42（默认：7）；不超过 7 天时标出有冲突的日程项
help-calendar--zone = 显示时间所用的时区（IANA，如 Asia/Shanghai）。默认：本机时区
help-calendar--kind = 只列出这些类型的来访（可重复，或用逗号分隔）
help-calendar--status = 只列出这些状态的来访
help-calendar--organisation = 只列出此机构接待或作为来宾的来访（简称、编号或唯一的编号前缀）
help-calendar--person = 只列出此人参加的（编号或唯一的编号前缀）
cli-doc-needs-output = 请指定 PDF 的去处：-o 文件.pdf（或输出到管道）
help-doc = 将来访的文件排版为 PDF，语言由 --lang 指定：zh、en 或 both（双语）
help-doc-briefing = 访问简报：目的与议题、逐日日程、按礼宾顺序排列的双方人员、简介、历次访问与未完成的后续事项、后勤安排
help-doc-briefing--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-briefing--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
help-doc-briefing--zone = 读者所在时区：简报在时间不同处另注此时区的时间。默认：系统时区
help-doc-programme = 日程安排：仅含日程，每天一页，按来访所在时区
help-doc-programme--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-programme--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
help-doc-seating = 座次图：会谈桌与宴会圆桌，每个座位注明姓名的两种写法
help-doc-seating--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-seating--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
help-doc-letter = 按模板生成信件：邀请函、签证邀请函（为每位有签证资料的人各生成一封）或感谢信。默认使用 Liaison 自带模板（语言由 --lang 指定），或以 --template 指定本单位模板
help-doc-letter--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-letter--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
help-doc-letter--kind = 未指定 --template 时的信件类型：invitation、visa 或 thanks
help-doc-letter--template = 本单位的模板：设置、一行“---”，然后是含占位符（如 {"{"}passport_name{"}"}）的正文（可从“liaison doc template 类型”开始）
help-doc-letter--person = 单个收信人（编号或唯一前缀）。默认：客方团长；签证邀请函为所有有签证资料的人
help-doc-template = 输出 Liaison 自带的信件模板（语言由 --lang 指定），可保存后改为本单位的版本
help-doc-template--kind = invitation、visa 或 thanks
cli-letter-kind = 请指定信件类型：--kind invitation、visa 或 thanks（或给出注明类型的 --template）
help-doc-cards = 桌签：每人一张对折的桌卡，正反两面印姓名的两种写法
help-doc-cards--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-cards--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
help-doc-badges = 胸卡：姓名、职务、单位和按角色着色的色条，每页八张，带裁切标记
help-doc-badges--visit = 来访（ID 或唯一的 ID 前缀）
help-doc-badges--output = PDF 的保存位置（已存在则替换）。默认：标准输出（非终端时）
