"""Templates that win and qualify new contacts: welcome, nurture, lead scoring, webinar."""

from __future__ import annotations

from builder import T, p_choice, p_event, p_int, par


def welcome() -> T:
    t = T("welcome", "stranger", "prospect", (0.10, 0.45), [
        p_event("signup_event", "signed_up"),
        p_int("wait_days", 1, 1, 14),
        p_choice("reminder_channel", "sms", ["sms", "push", "wechat"]),
        p_int("welcome_points", 100, 0, 5000),
        p_event("goal_event", "profile_completed"),
        p_int("timeout_days", 7, 1, 30),
    ], simulation={"events": {"profile_completed": {"probability": 0.22, "delay": {"distribution": "exponential",
                                                                                  "hours": 48}}}})
    t.add("entry", "trigger.event", event=par("signup_event"))
    t.add("stage", "stage", stage="prospect")
    t.message("hello", "email")
    t.add("wait", "wait.delay", amount=par("wait_days"), unit="days")
    t.add("opened", "branch.condition", condition='events("email_opened", 7) > 0')
    t.message("tour", "in_app")
    t.message("nudge", par("reminder_channel"))
    t.add("done", "wait.event", event=par("goal_event"), timeout_amount=par("timeout_days"), timeout_unit="days")
    t.add("goal", "goal", label="Profile completed")
    t.add("quiet", "exit", reason="Not onboarded yet")
    t.seq("entry", "stage", "hello", "wait", "opened")
    t.wire("opened", "yes", "tour")
    t.wire("opened", "no", "nudge")
    t.seq("tour", "done")
    t.seq("nudge", "done")
    t.wire("done", "happened", "goal")
    t.wire("done", "timed_out", "quiet")
    t.words(
        "en", name="Welcome and onboarding series",
        description="Greets every new sign-up at once, shows openers the product tour in the app and nudges "
                    "the others on their preferred channel, until they complete their profile.",
        goal="New sign-ups complete their profile within {{param.timeout_days}} days",
        kpis=["Welcome email open rate", "Profile completion rate", "Unsubscribes in the first week"],
        parameters={"signup_event": "Sign-up event", "wait_days": "Days before the follow-up",
                    "reminder_channel": "Reminder channel for non-openers", "welcome_points": "Welcome points",
                    "goal_event": "Onboarding goal event", "timeout_days": "Days to complete the profile"},
        titles={"entry": "New sign-up", "stage": "Becomes a prospect", "hello": "Welcome email",
                "wait": "Wait {{param.wait_days}} day(s)", "opened": "Opened the welcome email?",
                "tour": "Product tour in the app", "nudge": "Reminder to finish sign-up",
                "done": "Wait for a completed profile", "goal": "Profile completed", "quiet": "Not onboarded yet"},
        copy={
            "hello.title": "Welcome to {{brand}}, {{first_name | default(\"friend\")}}!",
            "hello.text": "Hi {{first_name | default(\"there\")}},\n\nThanks for joining {{brand}}. "
                          "{{param.welcome_points}} welcome points are already in your account. "
                          "Complete your profile and we will tailor what we send you.",
            "tour.title": "Take the 2-minute tour",
            "tour.text": "See where your {{param.welcome_points}} welcome points, orders and offers live.",
            "nudge.title": "Your welcome points are waiting",
            "nudge.text": "{{brand}}: {{param.welcome_points}} welcome points are waiting for you. "
                          "Finish your profile to use them. Reply STOP to opt out.",
        },
    )
    t.words(
        "zh", name="新用户欢迎与引导旅程",
        description="新用户一注册就送上欢迎邮件；打开过邮件的，在 App 内引导逛一圈；没打开的，换个 TA 常用的渠道再提醒一次，"
                    "直到完善个人资料。",
        goal="新注册用户在 {{param.timeout_days}} 天内完善个人资料",
        kpis=["欢迎邮件打开率", "资料完善率", "首周退订率"],
        parameters={"signup_event": "注册事件", "wait_days": "跟进前等待天数", "reminder_channel": "未打开用户的提醒渠道",
                    "welcome_points": "新人积分", "goal_event": "引导完成事件", "timeout_days": "完善资料的期限（天）"},
        titles={"entry": "新用户注册", "stage": "成为潜在客户", "hello": "欢迎邮件", "wait": "等待 {{param.wait_days}} 天",
                "opened": "打开了欢迎邮件？", "tour": "App 内新手引导", "nudge": "提醒完成注册",
                "done": "等待完善资料", "goal": "已完善资料", "quiet": "暂未完成引导"},
        copy={
            "hello.title": "{{first_name | default(\"亲\")}}，欢迎加入{{brand}}！",
            "hello.text": "{{first_name | default(\"你好\")}}，\n\n很高兴认识你！{{param.welcome_points}} 新人积分已经放进你的账户啦。"
                          "花一分钟完善资料，我们只给你推荐真正感兴趣的内容。",
            "tour.title": "两分钟带你逛一圈",
            "tour.text": "积分、订单、专属优惠都在这里，{{param.welcome_points}} 新人积分记得用哦。",
            "nudge.title": "你的新人积分还没领",
            "nudge.text": "【{{brand}}】{{param.welcome_points}} 新人积分已到账，完善资料即可使用。回T退订",
        },
    )
    return t


def nurture() -> T:
    t = T("nurture-first-purchase", "prospect", "customer", (0.05, 0.35), [
        p_int("gap_days", 3, 1, 14),
        p_int("coupon_value", 20, 5, 200),
        p_int("coupon_days", 7, 1, 30),
        p_choice("coupon_channel", "push", ["push", "wechat", "sms"]),
        p_event("purchase_event", "purchased"),
    ], simulation={"events": {"purchased": {"probability": 0.15, "delay": {"distribution": "exponential",
                                                                          "hours": 72, "min_hours": 144}}}},
        settings={"frequency_cap": {"max_messages": 3, "period_days": 7}})
    t.add("entry", "trigger.segment", condition='stage == "prospect"')
    t.message("story", "email")
    t.add("wait1", "wait.delay", amount=par("gap_days"), unit="days")
    t.message("bestsellers", "email")
    t.add("wait2", "wait.delay", amount=par("gap_days"), unit="days")
    t.add("clicked", "branch.condition", condition='events("email_clicked", 14) > 0')
    t.message("coupon", par("coupon_channel"))
    t.message("sms", "sms")
    t.add("buy", "wait.event", event=par("purchase_event"), timeout_amount=par("coupon_days"), timeout_unit="days")
    t.add("customer", "stage", stage="customer")
    t.add("goal", "goal", label="First purchase")
    t.add("later", "exit", reason="No first purchase yet")
    t.seq("entry", "story", "wait1", "bestsellers", "wait2", "clicked")
    t.wire("clicked", "yes", "coupon")
    t.wire("clicked", "no", "sms")
    t.seq("coupon", "buy")
    t.seq("sms", "buy")
    t.wire("buy", "happened", "customer")
    t.seq("customer", "goal")
    t.wire("buy", "timed_out", "later")
    t.words(
        "en", name="Nurture to first purchase",
        description="A short series for prospects: the brand story, the best sellers, then a first-order coupon "
                    "on the channel that suits them, and a wait for the first order.",
        goal="Prospects place a first order within {{param.coupon_days}} days of the coupon",
        kpis=["Click rate of the series", "Coupon redemption rate", "First-order conversion", "Unsubscribes"],
        parameters={"gap_days": "Days between messages", "coupon_value": "Coupon value",
                    "coupon_days": "Coupon valid for (days)", "coupon_channel": "Coupon channel for clickers",
                    "purchase_event": "Purchase event"},
        titles={"entry": "Prospects", "story": "Our story", "wait1": "Wait {{param.gap_days}} days",
                "bestsellers": "Best sellers", "wait2": "Wait {{param.gap_days}} days", "clicked": "Clicked an email?",
                "coupon": "First-order coupon", "sms": "Coupon by SMS", "buy": "Wait for the first order",
                "customer": "Becomes a customer", "goal": "First purchase", "later": "No first purchase yet"},
        copy={
            "story.title": "Why we started {{brand}}",
            "story.text": "Hi {{first_name | default(\"there\")}},\n\nA short story about where our coffee comes from "
                          "and the people who grow it.",
            "bestsellers.title": "What everyone is ordering this month",
            "bestsellers.text": "Our three best sellers, and the one our baristas take home.",
            "coupon.title": "{{param.coupon_value}} off your first order",
            "coupon.text": "{{first_name | default(\"Hi\")}}, here is {{param.coupon_value}} off your first order, "
                           "valid for {{param.coupon_days}} days.",
            "sms.text": "{{brand}}: {{param.coupon_value}} off your first order for {{param.coupon_days}} days. "
                        "Reply STOP to opt out.",
        },
    )
    t.words(
        "zh", name="首单培育旅程",
        description="给潜在客户的一组短序列：先讲品牌故事，再推爆款，最后在 TA 习惯的渠道送上首单优惠券，等待首单成交。",
        goal="潜在客户在收到优惠券后 {{param.coupon_days}} 天内完成首单",
        kpis=["序列点击率", "优惠券核销率", "首单转化率", "退订率"],
        parameters={"gap_days": "每条消息间隔（天）", "coupon_value": "优惠券面额（元）", "coupon_days": "优惠券有效期（天）",
                    "coupon_channel": "点击用户的发券渠道", "purchase_event": "购买事件"},
        titles={"entry": "潜在客户", "story": "品牌故事", "wait1": "等待 {{param.gap_days}} 天", "bestsellers": "爆款推荐",
                "wait2": "等待 {{param.gap_days}} 天", "clicked": "点击过邮件？", "coupon": "首单优惠券",
                "sms": "短信发券", "buy": "等待首单", "customer": "成为客户", "goal": "完成首单", "later": "暂未下单"},
        copy={
            "story.title": "{{brand}}的故事，从一颗咖啡豆开始",
            "story.text": "{{first_name | default(\"你好\")}}，\n\n想和你聊聊我们的咖啡从哪里来，以及种出它们的那群人。",
            "bestsellers.title": "本月大家都在买",
            "bestsellers.text": "三款人气爆款，外加咖啡师们自己私藏的那一款。",
            "coupon.title": "首单立减 {{param.coupon_value}} 元",
            "coupon.text": "{{first_name | default(\"亲\")}}，送你一张 {{param.coupon_value}} 元首单券，"
                           "{{param.coupon_days}} 天内有效，别错过～",
            "sms.text": "【{{brand}}】送你 {{param.coupon_value}} 元首单券，{{param.coupon_days}} 天内有效。回T退订",
        },
    )
    return t


def lead_scoring() -> T:
    t = T("lead-scoring", "prospect", "customer", (0.05, 0.40), [
        p_event("content_event", "whitepaper_downloaded"),
        p_int("download_points", 20, 0, 200),
        p_int("click_points", 15, 0, 200),
        p_int("score_threshold", 60, 1, 1000),
        p_choice("task_priority", "high", ["low", "normal", "high"]),
        p_event("sales_event", "opportunity_created"),
    ], simulation={"events": {"opportunity_created": {"probability": 0.25, "delay": {"distribution": "exponential",
                                                                                    "hours": 96}}}})
    t.add("entry", "trigger.event", event=par("content_event"))
    t.add("points", "data.score", delta=par("download_points"))
    t.add("hot", "branch.condition", condition="score >= {{param.score_threshold}}")
    t.message("case", "email")
    t.add("click", "wait.event", event="email_clicked", timeout_amount=7, timeout_unit="days")
    t.add("more", "data.score", delta=par("click_points"))
    t.add("hot2", "branch.condition", condition="score >= {{param.score_threshold}}")
    t.add("tag", "data.tag", action="add", tag="sales_ready")
    t.add("task", "send.sales_task", assignee="inside sales", title={"$text": "task.title"},
          notes={"$text": "task.notes"}, due_in_days=1, priority=par("task_priority"))
    t.add("opportunity", "wait.event", event=par("sales_event"), timeout_amount=14, timeout_unit="days")
    t.add("goal", "goal", label="Sales opportunity")
    t.add("nurture", "exit", reason="Keep nurturing")
    t.add("lost", "exit", reason="No opportunity yet")
    t.seq("entry", "points", "hot")
    t.wire("hot", "yes", "tag")
    t.wire("hot", "no", "case")
    t.seq("case", "click")
    t.wire("click", "happened", "more")
    t.wire("click", "timed_out", "nurture")
    t.seq("more", "hot2")
    t.wire("hot2", "yes", "tag")
    t.wire("hot2", "no", "nurture")
    t.seq("tag", "task", "opportunity")
    t.wire("opportunity", "happened", "goal")
    t.wire("opportunity", "timed_out", "lost")
    t.words(
        "en", name="Lead scoring and hand-off to sales",
        description="Scores what a lead does (downloads, clicks); hot leads go straight to sales as a task, "
                    "the rest get a case study and are scored again.",
        goal="Hot leads become sales opportunities within 14 days of the hand-off",
        kpis=["Leads handed to sales", "Hand-off to opportunity rate", "Time from download to call"],
        parameters={"content_event": "Content download event", "download_points": "Points for a download",
                    "click_points": "Points for a click", "score_threshold": "Score that makes a lead hot",
                    "task_priority": "Sales task priority", "sales_event": "Opportunity event"},
        titles={"entry": "Downloaded content", "points": "+{{param.download_points}} points",
                "hot": "Score ≥ {{param.score_threshold}}?", "case": "Case study email", "click": "Wait for a click",
                "more": "+{{param.click_points}} points", "hot2": "Hot now?", "tag": "Tag: sales ready",
                "task": "Call the lead", "opportunity": "Wait for an opportunity", "goal": "Sales opportunity",
                "nurture": "Keep nurturing", "lost": "No opportunity yet"},
        copy={
            "case.title": "How a team like yours saved 6 hours a week",
            "case.text": "Hi {{first_name | default(\"there\")}},\n\nA short case study, with the numbers.",
            "task.title": "Call {{first_name}} {{last_name}} (hot lead)",
            "task.notes": "Score {{score}}. Downloaded content and engaged with the follow-up.",
        },
    )
    t.words(
        "zh", name="线索评分与销售转交",
        description="按线索的行为打分（下载资料、点击邮件）；高分线索直接生成销售跟进任务，其余线索先收到客户案例，再次评分。",
        goal="高意向线索在转交销售后 14 天内转为商机",
        kpis=["转交销售的线索数", "转交到商机的转化率", "从下载到首次通话的时长"],
        parameters={"content_event": "资料下载事件", "download_points": "下载加分", "click_points": "点击加分",
                    "score_threshold": "高意向分数线", "task_priority": "销售任务优先级", "sales_event": "商机事件"},
        titles={"entry": "下载了资料", "points": "加 {{param.download_points}} 分", "hot": "分数 ≥ {{param.score_threshold}}？",
                "case": "客户案例邮件", "click": "等待点击", "more": "加 {{param.click_points}} 分", "hot2": "现在够热了吗？",
                "tag": "打标签：可转销售", "task": "销售电话跟进", "opportunity": "等待商机", "goal": "形成商机",
                "nurture": "继续培育", "lost": "暂未形成商机"},
        copy={
            "case.title": "和你一样的团队，每周省下 6 小时",
            "case.text": "{{first_name | default(\"你好\")}}，\n\n给你分享一个客户案例，数据都在里面。",
            "task.title": "致电 {{last_name}}{{first_name}}（高意向线索）",
            "task.notes": "当前分数 {{score}}，下载了资料并点击了跟进邮件，请尽快联系。",
        },
    )
    return t


def webinar() -> T:
    t = T("webinar-follow-up", "prospect", "customer", (0.05, 0.40), [
        p_event("registered_event", "webinar_registered"),
        p_choice("reminder_channel", "sms", ["sms", "wechat", "email"]),
        p_event("attended_event", "webinar_attended"),
        p_int("attend_window_days", 2, 1, 14),
        p_event("goal_event", "demo_requested"),
        p_int("follow_up_days", 10, 1, 30),
    ], simulation={"events": {
        "webinar_attended": {"probability": 0.45, "delay": {"distribution": "uniform", "hours": 24,
                                                            "min_hours": 20, "max_hours": 30}},
        "demo_requested": {"probability": 0.12, "delay": {"distribution": "exponential", "hours": 72},
                           "if_opened": 2.0}}})
    t.add("entry", "trigger.event", event=par("registered_event"))
    t.message("confirm", "email")
    t.add("wait", "wait.delay", amount=18, unit="hours")
    t.message("remind", par("reminder_channel"))
    t.add("attend", "wait.event", event=par("attended_event"), timeout_amount=par("attend_window_days"),
          timeout_unit="days")
    t.add("attendee", "data.tag", action="add", tag="webinar_attendee")
    t.message("recap", "email")
    t.add("task", "send.sales_task", assignee="sales team", title={"$text": "task.title"},
          notes={"$text": "task.notes"}, due_in_days=2, priority="normal")
    t.message("replay", "email")
    t.add("demo", "wait.event", event=par("goal_event"), timeout_amount=par("follow_up_days"), timeout_unit="days")
    t.add("goal", "goal", label="Demo requested")
    t.add("end", "exit", reason="No demo request")
    t.seq("entry", "confirm", "wait", "remind", "attend")
    t.wire("attend", "happened", "attendee")
    t.seq("attendee", "recap", "task", "demo")
    t.wire("attend", "timed_out", "replay")
    t.seq("replay", "demo")
    t.wire("demo", "happened", "goal")
    t.wire("demo", "timed_out", "end")
    t.words(
        "en", name="Webinar follow-up: attended vs absent",
        description="Confirms the registration, reminds the day before, then follows up differently: attendees get "
                    "the slides and a call from sales, absentees the replay.",
        goal="Registrants request a demo within {{param.follow_up_days}} days",
        kpis=["Attendance rate", "Replay views", "Demo requests (attended vs absent)"],
        parameters={"registered_event": "Registration event", "reminder_channel": "Reminder channel",
                    "attended_event": "Attendance event", "attend_window_days": "Days to count attendance",
                    "goal_event": "Goal event", "follow_up_days": "Days of follow-up"},
        titles={"entry": "Registered for the webinar", "confirm": "Registration confirmed", "wait": "Wait 18 hours",
                "remind": "Starts tomorrow", "attend": "Attended?", "attendee": "Tag: webinar attendee",
                "recap": "Slides and recap", "task": "Sales follow-up call", "replay": "Watch the replay",
                "demo": "Wait for a demo request", "goal": "Demo requested", "end": "No demo request"},
        copy={
            "confirm.title": "You are registered: see you there",
            "confirm.text": "Hi {{first_name | default(\"there\")}},\n\nYour seat is saved. Add it to your calendar; "
                            "the link is below.",
            "remind.title": "The webinar starts tomorrow",
            "remind.text": "{{brand}}: our webinar starts tomorrow. Your link is in your inbox. Reply STOP to opt out.",
            "recap.title": "Thanks for joining: slides and recap",
            "recap.text": "The slides, the three points to remember, and a link to book a demo.",
            "replay.title": "Sorry we missed you: here is the replay",
            "replay.text": "The full recording is ready, 45 minutes, watch it when it suits you.",
            "task.title": "Follow up {{first_name}} {{last_name}} after the webinar",
            "task.notes": "Attended the webinar. Score {{score}}. Offer a demo.",
        },
    )
    t.words(
        "zh", name="直播 / 线上研讨会跟进旅程",
        description="报名后立即确认，开播前一天提醒；结束后分两条路：到场的送上课件并由销售跟进，缺席的推送回放。",
        goal="报名用户在 {{param.follow_up_days}} 天内申请产品演示",
        kpis=["到场率", "回放观看数", "演示申请数（到场 vs 缺席）"],
        parameters={"registered_event": "报名事件", "reminder_channel": "提醒渠道", "attended_event": "到场事件",
                    "attend_window_days": "到场统计窗口（天）", "goal_event": "目标事件", "follow_up_days": "跟进天数"},
        titles={"entry": "报名直播", "confirm": "报名成功通知", "wait": "等待 18 小时", "remind": "明天开播提醒",
                "attend": "到场了吗？", "attendee": "打标签：直播到场", "recap": "课件与回顾", "task": "销售跟进电话",
                "replay": "推送直播回放", "demo": "等待演示申请", "goal": "已申请演示", "end": "未申请演示"},
        copy={
            "confirm.title": "报名成功，到时见！",
            "confirm.text": "{{first_name | default(\"你好\")}}，\n\n座位已为你保留，记得加到日历，直播链接在下方。",
            "remind.title": "直播明天开始",
            "remind.text": "【{{brand}}】直播明天开始，入场链接已发到你的邮箱，不见不散。回T退订",
            "recap.title": "感谢参加！课件和要点都在这里",
            "recap.text": "课件下载、三个关键要点，还有预约产品演示的入口。",
            "replay.title": "错过了直播？回放来啦",
            "replay.text": "完整回放已上线，45 分钟，随时有空随时看。",
            "task.title": "直播后跟进 {{last_name}}{{first_name}}",
            "task.notes": "已参加直播，当前分数 {{score}}，建议邀约产品演示。",
        },
    )
    return t


TEMPLATES = [welcome, nurture, lead_scoring, webinar]
