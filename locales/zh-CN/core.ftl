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
