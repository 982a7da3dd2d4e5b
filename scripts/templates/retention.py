"""Templates that keep customers: win-back, churn-risk recall, VIP early access, referral."""

from __future__ import annotations

from builder import T, p_choice, p_int, par

EXP = "exponential"


def winback() -> T:
    t = T("win-back", "customer", "repeat_customer", (0.03, 0.35), [
        p_int("coupon_value", 20, 5, 200),
        p_int("coupon_days", 10, 3, 60),
        p_int("reminder_after_days", 5, 1, 30),
        p_choice("reminder_channel", "sms", ["sms", "wechat", "push"]),
    ], simulation={"events": {"purchased": {"probability": 0.12, "delay": {"distribution": EXP, "hours": 96}}}})
    t.add("entry", "trigger.segment", condition='has_tag("lapsed")')
    t.message("coupon", "email")
    t.add("buy1", "wait.event", event="purchased", timeout_amount=par("reminder_after_days"), timeout_unit="days")
    t.message("remind", par("reminder_channel"))
    t.add("buy2", "wait.event", event="purchased", timeout_amount=par("coupon_days"), timeout_unit="days")
    t.add("back", "data.tag", action="remove", tag="lapsed")
    t.add("goal", "goal", label="Came back")
    t.add("lost", "data.tag", action="add", tag="winback_failed")
    t.add("end", "exit", reason="Still lapsed")
    t.seq("entry", "coupon", "buy1")
    t.wire("buy1", "happened", "back")
    t.wire("buy1", "timed_out", "remind")
    t.seq("remind", "buy2")
    t.wire("buy2", "happened", "back")
    t.wire("buy2", "timed_out", "lost")
    t.seq("back", "goal")
    t.seq("lost", "end")
    t.words(
        "en", name="Win back lapsed members with a coupon",
        description="Members tagged lapsed get a {{param.coupon_value}} coupon; those who do not come back get a "
                    "reminder before it expires. Who stays away is tagged for the next campaign.",
        goal="Lapsed members order again within {{param.coupon_days}} days",
        kpis=["Reactivation rate", "Coupon redemption", "Revenue per reactivated member", "Unsubscribes"],
        parameters={"coupon_value": "Coupon value", "coupon_days": "Coupon valid for (days)",
                    "reminder_after_days": "Days before the reminder", "reminder_channel": "Reminder channel"},
        titles={"entry": "Lapsed members", "coupon": "We miss you: a coupon", "buy1": "Came back?",
                "remind": "Coupon expiring", "buy2": "Came back after the reminder?", "back": "Remove tag: lapsed",
                "goal": "Came back", "lost": "Tag: win-back failed", "end": "Still lapsed"},
        copy={
            "coupon.title": "We miss you, {{first_name | default(\"friend\")}}: {{param.coupon_value}} off",
            "coupon.text": "It has been a while. Here is {{param.coupon_value}} off your next order, valid for "
                           "{{param.coupon_days}} days, and what is new since your last visit.",
            "remind.title": "Your coupon expires soon",
            "remind.text": "{{brand}}: your {{param.coupon_value}} coupon expires soon. Reply STOP to opt out.",
        },
    )
    t.words(
        "zh", name="沉睡会员唤醒（优惠券召回）",
        description="给打了“沉睡”标签的会员送一张 {{param.coupon_value}} 元券；没回来的，在券过期前再提醒一次。"
                    "仍未回来的打上标签，留给下一波活动。",
        goal="沉睡会员在 {{param.coupon_days}} 天内再次下单",
        kpis=["唤醒率", "优惠券核销率", "每位唤醒会员带来的销售额", "退订率"],
        parameters={"coupon_value": "优惠券面额（元）", "coupon_days": "优惠券有效期（天）",
                    "reminder_after_days": "几天后提醒", "reminder_channel": "提醒渠道"},
        titles={"entry": "沉睡会员", "coupon": "好久不见，送你一张券", "buy1": "回来了吗？", "remind": "优惠券即将过期",
                "buy2": "提醒后回来了？", "back": "移除标签：沉睡", "goal": "成功唤醒", "lost": "打标签：唤醒失败",
                "end": "仍在沉睡"},
        copy={
            "coupon.title": "{{first_name | default(\"亲\")}}，好久不见！送你 {{param.coupon_value}} 元券",
            "coupon.text": "好久没见你啦～ {{param.coupon_value}} 元无门槛券已放入账户，{{param.coupon_days}} 天内有效。"
                           "顺便看看这段时间的新品吧。",
            "remind.title": "你的优惠券快过期了",
            "remind.text": "【{{brand}}】你的 {{param.coupon_value}} 元券即将过期，别浪费哦。回T退订",
        },
    )
    return t


def churn_risk() -> T:
    t = T("churn-risk-recall", "repeat_customer", "repeat_customer", (0.03, 0.35), [
        p_int("risk_score", 30, 1, 100),
        p_int("discount_percent", 25, 5, 70),
        p_int("high_value_ltv", 500, 0, 100000),
        p_int("timeout_days", 7, 1, 30),
    ], simulation={"events": {"purchased": {"probability": 0.14, "delay": {"distribution": EXP, "hours": 72}}}})
    t.add("entry", "trigger.segment",
          condition='stage in ["customer", "repeat_customer"] and score <= {{param.risk_score}}')
    t.add("valuable", "branch.condition", condition="lifetime_value >= {{param.high_value_ltv}}")
    t.add("call", "send.sales_task", assignee="customer care", title={"$text": "call.title"},
          notes={"$text": "call.notes"}, due_in_days=1, priority="high")
    t.message("vip_offer", "wechat")
    t.message("offer", "email")
    t.add("buy", "wait.event", event="purchased", timeout_amount=par("timeout_days"), timeout_unit="days")
    t.add("goal", "goal", label="Kept")
    t.add("end", "exit", reason="At risk still")
    t.seq("entry", "valuable")
    t.wire("valuable", "yes", "call")
    t.wire("valuable", "no", "offer")
    t.seq("call", "vip_offer", "buy")
    t.seq("offer", "buy")
    t.wire("buy", "happened", "goal")
    t.wire("buy", "timed_out", "end")
    t.words(
        "en", name="Churn-risk recall with a stronger offer",
        description="Customers whose score falls to {{param.risk_score}} or below are at risk: the valuable ones "
                    "get a call from customer care and a personal offer, the others a {{param.discount_percent}}% "
                    "discount by email.",
        goal="At-risk customers order again within {{param.timeout_days}} days",
        kpis=["Retention of at-risk customers", "Calls completed", "Discount cost per retained customer"],
        parameters={"risk_score": "Score at or below which a customer is at risk",
                    "discount_percent": "Discount (%)", "high_value_ltv": "Lifetime value of a valuable customer",
                    "timeout_days": "Days to wait for an order"},
        titles={"entry": "Churn risk detected", "valuable": "Valuable customer?", "call": "Care call",
                "vip_offer": "Personal offer", "offer": "{{param.discount_percent}}% off", "buy": "Wait for an order",
                "goal": "Kept", "end": "At risk still"},
        copy={
            "call.title": "Call {{first_name}} {{last_name}}: churn risk",
            "call.notes": "Valuable customer, score dropped to {{score}}. Ask how we can help; offer "
                          "{{param.discount_percent}}% off.",
            "vip_offer.title": "Something just for you",
            "vip_offer.text": "{{first_name | default(\"Hi\")}}, thanks for being with us: "
                              "{{param.discount_percent}}% off anything this week.",
            "offer.title": "{{param.discount_percent}}% off, because we want you back",
            "offer.text": "Hi {{first_name | default(\"there\")}},\n\nTake {{param.discount_percent}}% off your "
                          "next order this week. Tell us what we could do better.",
        },
    )
    t.words(
        "zh", name="流失预警召回（加大力度）",
        description="分数跌到 {{param.risk_score}} 及以下的客户有流失风险：高价值客户由客服一对一电话关怀并发专属优惠，"
                    "其他客户收到 {{param.discount_percent}}% 折扣邮件。",
        goal="有流失风险的客户在 {{param.timeout_days}} 天内再次下单",
        kpis=["高风险客户挽留率", "关怀电话完成数", "每位挽留客户的折扣成本"],
        parameters={"risk_score": "流失预警分数线（小于等于）", "discount_percent": "折扣力度（%）",
                    "high_value_ltv": "高价值客户的累计消费（元）", "timeout_days": "等待下单天数"},
        titles={"entry": "触发流失预警", "valuable": "高价值客户？", "call": "客服关怀电话", "vip_offer": "专属优惠",
                "offer": "{{param.discount_percent}}% 折扣", "buy": "等待下单", "goal": "成功挽留", "end": "仍有流失风险"},
        copy={
            "call.title": "关怀致电 {{last_name}}{{first_name}}（流失预警）",
            "call.notes": "高价值客户，分数降至 {{score}}。先了解需求，再送上 {{param.discount_percent}}% 专属折扣。",
            "vip_offer.title": "专属于你的一份心意",
            "vip_offer.text": "{{first_name | default(\"亲\")}}，感谢一直以来的支持！本周全场 {{param.discount_percent}}% 折扣为你保留。",
            "offer.title": "想你了，送你 {{param.discount_percent}}% 折扣",
            "offer.text": "{{first_name | default(\"你好\")}}，\n\n本周下单立享 {{param.discount_percent}}% 折扣。"
                          "也欢迎告诉我们哪里可以做得更好。",
        },
    )
    return t


def vip_early_access() -> T:
    t = T("vip-early-access", "repeat_customer", "promoter", (0.08, 0.50), [
        p_int("access_hours", 48, 6, 240),
        p_choice("invite_channel", "wechat", ["wechat", "email", "push"]),
        p_int("member_discount", 15, 0, 50),
    ], simulation={"events": {"purchased": {"probability": 0.25, "delay": {"distribution": EXP, "hours": 24}}}})
    t.add("entry", "trigger.segment", condition='has_tag("vip")')
    t.add("tag", "data.tag", action="add", tag="early_access")
    t.message("invite", par("invite_channel"))
    t.add("buy", "wait.event", event="purchased", timeout_amount=par("access_hours"), timeout_unit="hours")
    t.message("last", "email")
    t.add("buy2", "wait.event", event="purchased", timeout_amount=1, timeout_unit="days")
    t.add("points", "data.score", delta=20)
    t.add("goal", "goal", label="Bought early")
    t.add("end", "exit", reason="Did not buy early")
    t.seq("entry", "tag", "invite", "buy")
    t.wire("buy", "happened", "points")
    t.wire("buy", "timed_out", "last")
    t.seq("last", "buy2")
    t.wire("buy2", "happened", "points")
    t.wire("buy2", "timed_out", "end")
    t.seq("points", "goal")
    t.words(
        "en", name="VIP early access to new products",
        description="VIP members shop the new collection {{param.access_hours}} hours before everyone else, "
                    "with {{param.member_discount}}% member pricing; a last call before it opens to all.",
        goal="VIPs buy during early access",
        kpis=["Early-access purchase rate", "Revenue from VIPs", "VIP retention"],
        parameters={"access_hours": "Early access (hours)", "invite_channel": "Invitation channel",
                    "member_discount": "Member discount (%)"},
        titles={"entry": "VIP members", "tag": "Tag: early access", "invite": "Early-access invitation",
                "buy": "Bought during early access?", "last": "Last call", "buy2": "Bought after the last call?",
                "points": "+20 points", "goal": "Bought early", "end": "Did not buy early"},
        copy={
            "invite.title": "You are first: the new collection, {{param.access_hours}} hours early",
            "invite.text": "As a VIP you shop the new collection before anyone else, with "
                           "{{param.member_discount}}% member pricing.",
            "last.title": "Last call: early access ends tomorrow",
            "last.text": "Hi {{first_name | default(\"there\")}},\n\nEarly access closes tomorrow; after that the "
                         "collection opens to everyone.",
        },
    )
    t.words(
        "zh", name="VIP 会员新品抢先购",
        description="VIP 会员比所有人提前 {{param.access_hours}} 小时选购新品，享 {{param.member_discount}}% 会员价；"
                    "公开发售前再提醒一次。",
        goal="VIP 在抢先购期间下单",
        kpis=["抢先购下单率", "VIP 贡献销售额", "VIP 留存率"],
        parameters={"access_hours": "抢先购时长（小时）", "invite_channel": "邀请渠道", "member_discount": "会员折扣（%）"},
        titles={"entry": "VIP 会员", "tag": "打标签：抢先购", "invite": "抢先购邀请", "buy": "抢先购期间下单？",
                "last": "最后提醒", "buy2": "提醒后下单？", "points": "加 20 分", "goal": "抢先购下单", "end": "未参与抢先购"},
        copy={
            "invite.title": "尊贵的 VIP，新品为你提前 {{param.access_hours}} 小时开放",
            "invite.text": "新品抢先购已开启，VIP 专享 {{param.member_discount}}% 会员价，先到先得。",
            "last.title": "抢先购明天结束",
            "last.text": "{{first_name | default(\"你好\")}}，\n\nVIP 抢先购明天就结束啦，之后将面向所有人公开发售。",
        },
    )
    return t


def referral() -> T:
    t = T("referral", "repeat_customer", "promoter", (0.04, 0.40), [
        p_int("score_threshold", 70, 1, 1000),
        p_int("reward_value", 50, 5, 500),
        p_int("wait_days", 10, 1, 30),
        p_choice("reminder_channel", "wechat", ["wechat", "push", "sms"]),
    ], simulation={"events": {"friend_referred": {"probability": 0.15, "delay": {"distribution": EXP,
                                                                                "hours": 96}}}})
    t.add("entry", "trigger.segment", condition='stage == "promoter" or score >= {{param.score_threshold}}')
    t.message("ask", "email")
    t.add("referred", "wait.event", event="friend_referred", timeout_amount=par("wait_days"), timeout_unit="days")
    t.message("remind", par("reminder_channel"))
    t.add("referred2", "wait.event", event="friend_referred", timeout_amount=7, timeout_unit="days")
    t.add("tag", "data.tag", action="add", tag="referrer")
    t.message("thanks", "email")
    t.add("stage", "stage", stage="promoter")
    t.add("goal", "goal", label="Referred a friend")
    t.add("end", "exit", reason="No referral")
    t.seq("entry", "ask", "referred")
    t.wire("referred", "happened", "tag")
    t.wire("referred", "timed_out", "remind")
    t.seq("remind", "referred2")
    t.wire("referred2", "happened", "tag")
    t.wire("referred2", "timed_out", "end")
    t.seq("tag", "thanks", "stage", "goal")
    t.words(
        "en", name="Referral programme for promoters",
        description="Happy customers (promoters, or a score of {{param.score_threshold}}+) are asked to share a "
                    "link; friend and referrer both get {{param.reward_value}}. Referrers are thanked and tagged.",
        goal="Promoters refer at least one friend",
        kpis=["Referral rate", "Friends who buy", "Cost per referred customer"],
        parameters={"score_threshold": "Score that makes a promoter", "reward_value": "Reward for each side",
                    "wait_days": "Days before the reminder", "reminder_channel": "Reminder channel"},
        titles={"entry": "Promoters", "ask": "Share and both get a reward", "referred": "Referred a friend?",
                "remind": "Reminder to share", "referred2": "Referred after the reminder?", "tag": "Tag: referrer",
                "thanks": "Thank you and your reward", "stage": "Becomes a promoter", "goal": "Referred a friend",
                "end": "No referral"},
        copy={
            "ask.title": "Give {{param.reward_value}}, get {{param.reward_value}}",
            "ask.text": "Hi {{first_name | default(\"there\")}},\n\nYou clearly like {{brand}}. Share your link: "
                        "your friend gets {{param.reward_value}} off their first order, and so do you.",
            "remind.title": "Your friends are missing out",
            "remind.text": "Share your {{brand}} link: {{param.reward_value}} for you and for each friend.",
            "thanks.title": "Thank you: your {{param.reward_value}} reward is in",
            "thanks.text": "Your friend joined. Your reward is in your account, with our thanks.",
        },
    )
    t.words(
        "zh", name="老带新推荐有礼",
        description="对品牌满意的客户（推荐者，或分数 {{param.score_threshold}} 以上）收到专属分享链接，"
                    "好友和自己各得 {{param.reward_value}} 元；成功推荐后致谢并打标签。",
        goal="推荐者至少成功邀请一位好友",
        kpis=["推荐率", "被推荐好友的下单数", "每位新客的获客成本"],
        parameters={"score_threshold": "推荐者分数线", "reward_value": "双方各得奖励（元）", "wait_days": "几天后提醒",
                    "reminder_channel": "提醒渠道"},
        titles={"entry": "品牌推荐者", "ask": "分享有礼邀请", "referred": "邀请了好友？", "remind": "再提醒分享",
                "referred2": "提醒后邀请了？", "tag": "打标签：推荐者", "thanks": "致谢并发放奖励", "stage": "成为推荐者",
                "goal": "成功推荐", "end": "暂未推荐"},
        copy={
            "ask.title": "邀好友，各得 {{param.reward_value}} 元",
            "ask.text": "{{first_name | default(\"你好\")}}，\n\n谢谢你这么喜欢{{brand}}！把专属链接分享给好友，"
                        "TA 首单立减 {{param.reward_value}} 元，你也得 {{param.reward_value}} 元。",
            "remind.title": "好东西要和朋友分享",
            "remind.text": "分享你的专属链接，每邀请一位好友，你们各得 {{param.reward_value}} 元～",
            "thanks.title": "邀请成功！{{param.reward_value}} 元奖励已到账",
            "thanks.text": "你的好友已加入，奖励已发放到账户，感谢你的推荐！",
        },
    )
    return t


TEMPLATES = [winback, churn_risk, vip_early_access, referral]
