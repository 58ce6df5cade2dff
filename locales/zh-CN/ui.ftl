# 窗口中的文字（ui/src），按出现的位置分组。

## 顶栏（App.svelte）

nav-sections = 栏目
nav-visits = 来访
nav-directory = 通讯录
chip-team = 团队数据库
chip-unverified = 连接未经验证
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
