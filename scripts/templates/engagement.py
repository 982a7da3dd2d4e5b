"""Templates around events, launches and consent: trade show, renewal, seed audience, re-permission."""

from __future__ import annotations

from builder import T, p_choice, p_event, p_int, p_text, par

EXP = "exponential"


def trade_show() -> T:
    t = T("trade-show", "prospect", "customer", (0.02, 0.30), [
        p_text("show_name", "Coffee Expo 2025"),
        p_int("days_to_show", 7, 2, 60),
        p_int("show_days", 2, 1, 7),
        p_int("engaged_score", 50, 1, 1000),
        p_event("checkin_event", "checked_in"),
    ], simulation={"events": {
        "show_registered": {"probability": 0.55, "delay": {"distribution": EXP, "hours": 48}, "if_opened": 1.4},
        "checked_in": {"probability": 0.6, "delay": {"distribution": "uniform", "hours": 190, "min_hours": 170,
                                                      "max_hours": 210}},
        "meeting_booked": {"probability": 0.3, "delay": {"distribution": EXP, "hours": 48, "min_hours": 230}},
    }}, settings={"frequency_cap": {"max_messages": 4, "period_days": 7}})
    t.add("entry", "trigger.manual", list_name="Trade show invitees")
    t.message("invite", "email")
    t.message("invite_sms", "sms")
    t.message("invite_wechat", "wechat")
    t.add("registered", "wait.event", event="show_registered", timeout_amount=par("days_to_show"),
          timeout_unit="days")
    t.add("eve", "wait.delay", amount=par("days_to_show"), unit="days")
    t.message("reminder", "sms")
    t.add("checkin", "wait.event", event=par("checkin_event"), timeout_amount=par("show_days"), timeout_unit="days")
    t.add("visitor", "data.tag", action="add", tag="trade_show")
    t.message("onsite", "wechat")
    t.message("cloud", "email")
    t.add("after", "wait.delay", amount=1, unit="days")
    t.message("recap", "email")
    t.add("engaged", "branch.condition", condition='score >= {{param.engaged_score}} or has_tag("trade_show")')
    t.message("survey", "email")
    t.add("task", "send.sales_task", assignee="sales team", title={"$text": "task.title"},
          notes={"$text": "task.notes"}, due_in_days=2, priority="high")
    t.add("meeting", "wait.event", event="meeting_booked", timeout_amount=14, timeout_unit="days")
    t.add("goal", "goal", label="Meeting booked")
    t.add("not_registered", "exit", reason="Did not register")
    t.add("no_meeting", "exit", reason="No meeting")
    t.add("quiet", "exit", reason="Recap only")
    t.seq("entry", "invite", "invite_sms", "invite_wechat", "registered")
    t.wire("registered", "happened", "eve")
    t.wire("registered", "timed_out", "not_registered")
    t.seq("eve", "reminder", "checkin")
    t.wire("checkin", "happened", "visitor")
    t.seq("visitor", "onsite", "after")
    t.wire("checkin", "timed_out", "cloud")
    t.seq("cloud", "after")
    t.seq("after", "recap", "engaged")
    t.wire("engaged", "yes", "survey")
    t.wire("engaged", "no", "quiet")
    t.seq("survey", "task", "meeting")
    t.wire("meeting", "happened", "goal")
    t.wire("meeting", "timed_out", "no_meeting")
    t.words(
        "en", name="Trade show in three phases",
        description="Warm-up: invitations by email, SMS and WeChat with a registration QR code, and a reminder the "
                    "day before. On site: QR check-in and a welcome with the services; a cloud-booth path for those "
                    "who did not come. Follow-up: a recap to everyone, a survey to the engaged, and a sales call.",
        goal="Invitees book a sales meeting after {{param.show_name}}",
        kpis=["Registration rate", "Check-in rate", "Cloud-booth visits", "Survey responses", "Meetings booked"],
        parameters={"show_name": "Show name", "days_to_show": "Days from invitation to the show",
                    "show_days": "Length of the show (days)", "engaged_score": "Score of an engaged visitor",
                    "checkin_event": "Check-in event"},
        notes="The invitation goes out on three channels at once on purpose; the frequency cap is raised to 4 "
              "messages a week for this journey.",
        titles={"entry": "Invitee list", "invite": "Invitation with QR code", "invite_sms": "Invitation by SMS",
                "invite_wechat": "Invitation on WeChat", "registered": "Registered?",
                "eve": "Until the day before", "reminder": "See you tomorrow (weather, traffic)",
                "checkin": "Checked in on site?", "visitor": "Tag: trade show visitor", "onsite": "Welcome on site",
                "cloud": "Visit our cloud booth", "after": "Wait 1 day", "recap": "Recap of the show",
                "engaged": "Engaged visitor?", "survey": "Satisfaction survey", "task": "Sales follow-up",
                "meeting": "Wait for a meeting", "goal": "Meeting booked", "not_registered": "Did not register",
                "no_meeting": "No meeting", "quiet": "Recap only"},
        copy={
            "invite.title": "Your invitation to {{param.show_name}}",
            "invite.text": "Hi {{first_name | default(\"there\")}},\n\nJoin us at {{param.show_name}}. Register "
                           "with the QR code below; it is also your entry pass.",
            "invite_sms.text": "{{brand}}: you are invited to {{param.show_name}}. Register with the QR code in "
                               "our email. Reply STOP to opt out.",
            "invite_wechat.title": "Invitation: {{param.show_name}}",
            "invite_wechat.text": "Tap to register for {{param.show_name}} and get your entry QR code.",
            "reminder.text": "{{brand}}: see you tomorrow at {{param.show_name}}. Bring your QR code; "
                             "expect light rain, take the metro. Reply STOP to opt out.",
            "onsite.title": "Welcome to our booth",
            "onsite.text": "Free coffee at the bar, charging and a cloakroom at the back. Ask for a tasting.",
            "cloud.title": "Missed the show? Visit our cloud booth",
            "cloud.text": "The launches, the talks and the tasting notes, online for two weeks.",
            "recap.title": "{{param.show_name}}: the recap",
            "recap.text": "What we launched, the talks to watch again, and the photos.",
            "survey.title": "Two minutes on your visit?",
            "survey.text": "Tell us how {{param.show_name}} went for you: five questions.",
            "task.title": "Follow up {{first_name}} {{last_name}} after {{param.show_name}}",
            "task.notes": "Engaged visitor (score {{score}}). Book a meeting.",
        },
    )
    t.words(
        "zh", name="展会三阶段旅程",
        description="会前预热：邮件、短信、微信三渠道发邀请和报名二维码，开展前一天提醒天气和交通。会中：扫码签到，"
                    "推送现场服务；没来的走“云展台”。会后：全员发回顾，高参与度的访客发满意度问卷，销售跟进转化。",
        goal="受邀客户在{{param.show_name}}后预约销售会面",
        kpis=["报名率", "签到率", "云展台访问量", "问卷回收数", "预约会面数"],
        parameters={"show_name": "展会名称", "days_to_show": "邀请到开展的天数", "show_days": "展会天数",
                    "engaged_score": "高参与度分数线", "checkin_event": "签到事件"},
        notes="三个渠道同时发邀请是有意为之；本旅程的频次控制放宽到每周 4 条。",
        titles={"entry": "受邀名单", "invite": "邀请函（含报名二维码）", "invite_sms": "短信邀请", "invite_wechat": "微信邀请",
                "registered": "报名了吗？", "eve": "等到开展前一天", "reminder": "明天见（天气、交通）",
                "checkin": "现场签到了吗？", "visitor": "打标签：展会访客", "onsite": "现场欢迎与服务",
                "cloud": "邀请逛云展台", "after": "等待 1 天", "recap": "展会回顾", "engaged": "高参与度访客？",
                "survey": "满意度问卷", "task": "销售跟进", "meeting": "等待预约会面", "goal": "已预约会面",
                "not_registered": "未报名", "no_meeting": "未预约会面", "quiet": "仅发回顾"},
        copy={
            "invite.title": "诚邀你参加{{param.show_name}}",
            "invite.text": "{{first_name | default(\"你好\")}}，\n\n诚邀你莅临{{param.show_name}}。扫描下方二维码即可报名，"
                           "它也是你的入场凭证。",
            "invite_sms.text": "【{{brand}}】诚邀你参加{{param.show_name}}，报名二维码已发至邮箱。回T退订",
            "invite_wechat.title": "展会邀请：{{param.show_name}}",
            "invite_wechat.text": "点击立即报名{{param.show_name}}，领取入场二维码。",
            "reminder.text": "【{{brand}}】明天{{param.show_name}}见！记得带好入场二维码；明天有小雨，建议乘地铁前往。回T退订",
            "onsite.title": "欢迎来到我们的展位",
            "onsite.text": "吧台咖啡免费喝，展位后方可充电、寄存。想试饮随时找工作人员～",
            "cloud.title": "没能到场？来逛云展台",
            "cloud.text": "新品发布、精彩演讲和品鉴笔记都在线上，开放两周。",
            "recap.title": "{{param.show_name}}精彩回顾",
            "recap.text": "本次发布的新品、值得回看的演讲，还有现场照片。",
            "survey.title": "占用你两分钟？",
            "survey.text": "聊聊你在{{param.show_name}}的体验吧，一共五道题。",
            "task.title": "{{param.show_name}}后跟进 {{last_name}}{{first_name}}",
            "task.notes": "高参与度访客（分数 {{score}}），请预约会面。",
        },
    )
    return t


def renewal() -> T:
    t = T("subscription-renewal", "customer", "repeat_customer", (0.15, 0.70), [
        p_event("expiring_event", "subscription_expiring"),
        p_int("first_wait_days", 5, 1, 30),
        p_int("renewal_discount", 10, 0, 50),
        p_choice("reminder_channel", "push", ["push", "sms", "wechat"]),
    ], simulation={"events": {"subscription_renewed": {"probability": 0.5, "delay": {"distribution": EXP,
                                                                                    "hours": 120}}}})
    t.add("entry", "trigger.event", event=par("expiring_event"))
    t.message("notice", "email")
    t.add("renew1", "wait.event", event="subscription_renewed", timeout_amount=par("first_wait_days"),
          timeout_unit="days")
    t.message("offer", par("reminder_channel"))
    t.add("renew2", "wait.event", event="subscription_renewed", timeout_amount=5, timeout_unit="days")
    t.add("team", "branch.attribute", attribute="plan",
          cases=[{"id": "team", "label": "Team plan", "values": ["team", "pro"]}])
    t.add("call", "send.sales_task", assignee="account managers", title={"$text": "call.title"},
          notes={"$text": "call.notes"}, due_in_days=1, priority="high")
    t.add("goal", "goal", label="Renewed")
    t.add("end", "exit", reason="Not renewed")
    t.seq("entry", "notice", "renew1")
    t.wire("renew1", "happened", "goal")
    t.wire("renew1", "timed_out", "offer")
    t.seq("offer", "renew2")
    t.wire("renew2", "happened", "goal")
    t.wire("renew2", "timed_out", "team")
    t.wire("team", "team", "call")
    t.wire("team", "other", "end")
    t.seq("call", "end")
    t.words(
        "en", name="Subscription renewal",
        description="When a subscription is about to end: a renewal notice, then a reminder with "
                    "{{param.renewal_discount}}% off; team and pro plans that still have not renewed get a call "
                    "from their account manager.",
        goal="Subscribers renew before their plan ends",
        kpis=["Renewal rate", "Renewals after the reminder", "Accounts saved by a call"],
        parameters={"expiring_event": "Subscription expiring event", "first_wait_days": "Days before the reminder",
                    "renewal_discount": "Renewal discount (%)", "reminder_channel": "Reminder channel"},
        titles={"entry": "Subscription ending soon", "notice": "Renewal notice", "renew1": "Renewed?",
                "offer": "Renew with {{param.renewal_discount}}% off", "renew2": "Renewed after the reminder?",
                "team": "Plan", "call": "Account manager call", "goal": "Renewed", "end": "Not renewed"},
        copy={
            "notice.title": "Your {{brand}} subscription renews soon",
            "notice.text": "Hi {{first_name | default(\"there\")}},\n\nYour plan ends in two weeks. Renew in one "
                           "click and keep your beans arriving.",
            "offer.title": "{{param.renewal_discount}}% off when you renew",
            "offer.text": "Renew this week and get {{param.renewal_discount}}% off your next year.",
            "call.title": "Renewal call: {{first_name}} {{last_name}}",
            "call.notes": "Plan {{plan}} not renewed after two reminders.",
        },
    )
    t.words(
        "zh", name="订阅续费提醒",
        description="订阅即将到期：先发续费通知，再发 {{param.renewal_discount}}% 续费优惠提醒；"
                    "团队版、专业版仍未续费的，由客户经理电话跟进。",
        goal="订阅用户在到期前完成续费",
        kpis=["续费率", "提醒后续费数", "电话挽回的账户数"],
        parameters={"expiring_event": "订阅即将到期事件", "first_wait_days": "几天后提醒",
                    "renewal_discount": "续费折扣（%）", "reminder_channel": "提醒渠道"},
        titles={"entry": "订阅即将到期", "notice": "续费通知", "renew1": "已续费？",
                "offer": "续费享 {{param.renewal_discount}}% 优惠", "renew2": "提醒后续费？", "team": "订阅版本",
                "call": "客户经理致电", "goal": "已续费", "end": "未续费"},
        copy={
            "notice.title": "你的{{brand}}订阅即将到期",
            "notice.text": "{{first_name | default(\"你好\")}}，\n\n你的订阅还有两周到期，一键续费，咖啡豆不断档。",
            "offer.title": "现在续费立享 {{param.renewal_discount}}% 优惠",
            "offer.text": "本周内续费，下一年立享 {{param.renewal_discount}}% 优惠。",
            "call.title": "续费跟进：{{last_name}}{{first_name}}",
            "call.notes": "{{plan}} 版本，两次提醒后仍未续费。",
        },
    )
    return t


def seed_audience() -> T:
    t = T("new-product-seed", "repeat_customer", "promoter", (0.10, 0.60), [
        p_text("product_name", "Cold Brew Kit"),
        p_event("join_event", "waitlist_joined"),
        p_int("answer_days", 5, 1, 30),
        p_choice("reminder_channel", "push", ["push", "wechat", "sms"]),
    ], simulation={"events": {"waitlist_joined": {"probability": 0.3, "delay": {"distribution": EXP,
                                                                               "hours": 48}}}})
    t.add("entry", "trigger.segment", condition='has_tag("high_value") or has_tag("vip")')
    t.message("preview", "email")
    t.add("joined", "wait.event", event=par("join_event"), timeout_amount=par("answer_days"), timeout_unit="days")
    t.message("remind", par("reminder_channel"))
    t.add("joined2", "wait.event", event=par("join_event"), timeout_amount=3, timeout_unit="days")
    t.add("seed", "data.tag", action="add", tag="seed_audience")
    t.message("welcome", "email")
    t.add("goal", "goal", label="Joined the seed audience")
    t.add("end", "exit", reason="Not interested")
    t.seq("entry", "preview", "joined")
    t.wire("joined", "happened", "seed")
    t.wire("joined", "timed_out", "remind")
    t.seq("remind", "joined2")
    t.wire("joined2", "happened", "seed")
    t.wire("joined2", "timed_out", "end")
    t.seq("seed", "welcome", "goal")
    t.words(
        "en", name="Seed audience for a new product",
        description="Your best customers get a first look at {{param.product_name}} and are invited to the "
                    "waiting list; those who join become the seed audience that tries it first and reviews it.",
        goal="Best customers join the {{param.product_name}} seed audience",
        kpis=["Waiting-list sign-ups", "Seed audience size", "Reviews from the seed audience"],
        parameters={"product_name": "Product name", "join_event": "Waiting-list event",
                    "answer_days": "Days to answer", "reminder_channel": "Reminder channel"},
        titles={"entry": "Best customers", "preview": "A first look", "joined": "Joined the list?",
                "remind": "Last places", "joined2": "Joined after the reminder?", "seed": "Tag: seed audience",
                "welcome": "Welcome to the seed group", "goal": "Joined the seed audience", "end": "Not interested"},
        copy={
            "preview.title": "Before anyone else: {{param.product_name}}",
            "preview.text": "Hi {{first_name | default(\"there\")}},\n\nWe made something new and want you to try "
                            "it first. Join the waiting list for {{param.product_name}}.",
            "remind.title": "A few seed places left",
            "remind.text": "Try {{param.product_name}} before launch: a few places left.",
            "welcome.title": "You are in: {{param.product_name}} is on its way",
            "welcome.text": "Thanks for joining. Your kit ships next week; tell us everything.",
        },
    )
    t.words(
        "zh", name="新品种子用户招募",
        description="请最优质的客户抢先看{{param.product_name}}并加入候补名单；加入的用户成为种子用户，先试用、先评价。",
        goal="优质客户加入{{param.product_name}}种子用户群",
        kpis=["候补名单报名数", "种子用户规模", "种子用户评价数"],
        parameters={"product_name": "新品名称", "join_event": "加入候补事件", "answer_days": "等待回应天数",
                    "reminder_channel": "提醒渠道"},
        titles={"entry": "优质客户", "preview": "新品抢先看", "joined": "加入候补了吗？", "remind": "名额所剩无几",
                "joined2": "提醒后加入？", "seed": "打标签：种子用户", "welcome": "欢迎加入种子用户群",
                "goal": "成为种子用户", "end": "暂不感兴趣"},
        copy={
            "preview.title": "抢先看：{{param.product_name}}",
            "preview.text": "{{first_name | default(\"你好\")}}，\n\n我们做了一款新品，想请你第一个试试。"
                            "点击加入{{param.product_name}}候补名单。",
            "remind.title": "种子用户名额所剩无几",
            "remind.text": "上市前抢先体验{{param.product_name}}，最后几个名额～",
            "welcome.title": "欢迎加入！{{param.product_name}}正在路上",
            "welcome.text": "感谢加入种子用户群，试用装下周发出，期待你的真实反馈。",
        },
    )
    return t


def re_permission() -> T:
    t = T("re-permission", "prospect", "prospect", (0.05, 0.45), [
        p_int("inactive_days", 90, 30, 730),
        p_int("answer_days", 7, 1, 30),
        p_event("confirm_event", "consent_confirmed"),
    ], simulation={"events": {"consent_confirmed": {"probability": 0.18, "delay": {"distribution": EXP,
                                                                                  "hours": 48}}}},
        exit_criteria=None)
    t.add("entry", "trigger.segment", condition='events("email_opened", {{param.inactive_days}}) == 0')
    t.message("ask", "email")
    t.add("yes1", "wait.event", event=par("confirm_event"), timeout_amount=par("answer_days"), timeout_unit="days")
    t.message("last", "email")
    t.add("yes2", "wait.event", event=par("confirm_event"), timeout_amount=par("answer_days"), timeout_unit="days")
    t.add("confirmed", "data.tag", action="add", tag="consent_refreshed")
    t.add("goal", "goal", label="Consent refreshed")
    t.add("sunset", "data.attribute", attribute="email_status", value="sunset")
    t.add("end", "exit", reason="Removed from email")
    t.seq("entry", "ask", "yes1")
    t.wire("yes1", "happened", "confirmed")
    t.wire("yes1", "timed_out", "last")
    t.seq("last", "yes2")
    t.wire("yes2", "happened", "confirmed")
    t.wire("yes2", "timed_out", "sunset")
    t.seq("confirmed", "goal")
    t.seq("sunset", "end")
    t.words(
        "en", name="Re-permission (consent refresh)",
        description="Contacts who have not opened an email in {{param.inactive_days}} days are asked whether "
                    "they still want to hear from us; those who do not confirm after two asks stop getting email.",
        goal="Inactive contacts confirm their consent",
        kpis=["Confirmation rate", "Contacts sunset", "Deliverability (bounces, spam reports) after the clean-up"],
        parameters={"inactive_days": "Days without an open", "answer_days": "Days to answer each ask",
                    "confirm_event": "Consent confirmed event"},
        titles={"entry": "Inactive for {{param.inactive_days}} days", "ask": "Still want to hear from us?",
                "yes1": "Confirmed?", "last": "Last ask", "yes2": "Confirmed after the last ask?",
                "confirmed": "Tag: consent refreshed", "goal": "Consent refreshed",
                "sunset": "Stop emailing (sunset)", "end": "Removed from email"},
        copy={
            "ask.title": "Do you still want to hear from us?",
            "ask.text": "Hi {{first_name | default(\"there\")}},\n\nWe have not seen you open our emails for a "
                        "while. One click keeps you on the list; otherwise we will stop writing.",
            "last.title": "Last chance to stay on our list",
            "last.text": "We will stop sending emails next week unless you click below. No hard feelings.",
        },
    )
    t.words(
        "zh", name="重新授权（订阅意愿确认）",
        description="{{param.inactive_days}} 天没打开过邮件的联系人，问一句“还想收到我们的消息吗？”；"
                    "两次询问都没确认的，不再发送邮件。",
        goal="不活跃联系人重新确认订阅",
        kpis=["确认率", "停止发送的联系人数", "清洗后的送达率（退信、垃圾投诉）"],
        parameters={"inactive_days": "未打开天数", "answer_days": "每次询问的等待天数", "confirm_event": "确认订阅事件"},
        titles={"entry": "{{param.inactive_days}} 天未互动", "ask": "还想收到我们的消息吗？", "yes1": "已确认？",
                "last": "最后一次询问", "yes2": "最后询问后确认？", "confirmed": "打标签：已重新授权",
                "goal": "已重新授权", "sunset": "停止邮件（沉默处理）", "end": "移出邮件名单"},
        copy={
            "ask.title": "还想继续收到我们的消息吗？",
            "ask.text": "{{first_name | default(\"你好\")}}，\n\n好一阵子没见你打开我们的邮件了。点一下就能继续订阅；"
                        "如果不需要，我们就不再打扰。",
            "last.title": "最后一次确认",
            "last.text": "如果下周前没有收到你的确认，我们将停止发送邮件。随时欢迎你回来。",
        },
    )
    return t


TEMPLATES = [trade_show, seed_audience, renewal, re_permission]
