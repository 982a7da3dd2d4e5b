"""Templates that turn interest into orders: repeat purchase, abandoned cart, browse abandonment, birthday."""

from __future__ import annotations

from builder import T, p_choice, p_event, p_int, par

EXP = "exponential"


def repeat_purchase() -> T:
    t = T("repeat-purchase", "customer", "repeat_customer", (0.05, 0.40), [
        p_int("days_after_first_order", 7, 1, 60),
        p_int("coupon_value", 15, 5, 200),
        p_int("holdout_percent", 10, 0, 50),
        p_choice("recommend_channel", "wechat", ["wechat", "push", "email"]),
        p_int("timeout_days", 10, 1, 30),
    ], simulation={"events": {"purchased": {"probability": 0.18, "delay": {"distribution": EXP, "hours": 96,
                                                                          "min_hours": 168}}}})
    t.add("entry", "trigger.segment", condition='stage == "customer"')
    t.add("wait", "wait.delay", amount=par("days_after_first_order"), unit="days")
    t.message("care", "email")
    t.add("test", "branch.experiment", name="Second-order coupon", holdout_percent=par("holdout_percent"),
          variants=[{"id": "coupon", "label": "Coupon", "weight": 50}, {"id": "no_coupon", "label": "No coupon",
                                                                          "weight": 50}])
    t.message("coupon", par("recommend_channel"))
    t.message("picks", par("recommend_channel"))
    t.add("buy", "wait.event", event="purchased", timeout_amount=par("timeout_days"), timeout_unit="days")
    t.add("repeat", "stage", stage="repeat_customer")
    t.add("goal", "goal", label="Second purchase")
    t.add("end", "exit", reason="No second purchase yet")
    t.seq("entry", "wait", "care", "test")
    t.wire("test", "coupon", "coupon")
    t.wire("test", "no_coupon", "picks")
    t.wire("test", "holdout", "buy")
    t.seq("coupon", "buy")
    t.seq("picks", "buy")
    t.wire("buy", "happened", "repeat")
    t.seq("repeat", "goal")
    t.wire("buy", "timed_out", "end")
    t.words(
        "en", name="Second purchase (repeat-purchase journey)",
        description="After the first order: a care email, then an A/B test of a second-order coupon against "
                    "personal picks, with a holdout that gets neither, to measure the journey's real lift.",
        goal="First-time customers order again within {{param.timeout_days}} days",
        kpis=["Second-purchase rate", "Lift over the holdout", "Coupon cost per extra order"],
        parameters={"days_after_first_order": "Days after the first order", "coupon_value": "Coupon value",
                    "holdout_percent": "Holdout (%)", "recommend_channel": "Channel for the offer",
                    "timeout_days": "Days to wait for the order"},
        titles={"entry": "First-time customers", "wait": "Wait {{param.days_after_first_order}} days",
                "care": "How is it going?", "test": "Coupon or picks?", "coupon": "Second-order coupon",
                "picks": "Picks for you", "buy": "Wait for the second order", "repeat": "Becomes a repeat customer",
                "goal": "Second purchase", "end": "No second purchase yet"},
        copy={
            "care.title": "How are you getting on with your order?",
            "care.text": "Hi {{first_name | default(\"there\")}},\n\nThree tips to get the best from it, and how "
                         "to reach us if anything is not right.",
            "coupon.title": "{{param.coupon_value}} off your next order",
            "coupon.text": "Thanks for your first order, {{first_name | default(\"friend\")}}: here is "
                           "{{param.coupon_value}} off the next one.",
            "picks.title": "Picked for you",
            "picks.text": "Based on your first order, we think you will like these.",
        },
    )
    t.words(
        "zh", name="复购旅程（第二单）",
        description="首单之后：先发一封关怀邮件，再用 A/B 实验对比“复购券”和“个性化推荐”，并留出不发任何消息的对照组，"
                    "看清旅程带来的真实增量。",
        goal="首购客户在 {{param.timeout_days}} 天内完成第二单",
        kpis=["复购率", "相对对照组的提升", "每笔增量订单的券成本"],
        parameters={"days_after_first_order": "首单后等待天数", "coupon_value": "复购券面额（元）",
                    "holdout_percent": "对照组比例（%）", "recommend_channel": "优惠触达渠道", "timeout_days": "等待复购天数"},
        titles={"entry": "首购客户", "wait": "等待 {{param.days_after_first_order}} 天", "care": "使用关怀",
                "test": "发券还是推荐？", "coupon": "复购优惠券", "picks": "猜你喜欢", "buy": "等待第二单",
                "repeat": "成为复购客户", "goal": "完成复购", "end": "暂未复购"},
        copy={
            "care.title": "收到的宝贝还满意吗？",
            "care.text": "{{first_name | default(\"你好\")}}，\n\n送你三个小技巧，用得更顺手；有任何问题随时找我们。",
            "coupon.title": "再来一单立减 {{param.coupon_value}} 元",
            "coupon.text": "谢谢你的第一单！{{first_name | default(\"亲\")}}，下一单直接减 {{param.coupon_value}} 元，已放入你的卡包。",
            "picks.title": "为你精选",
            "picks.text": "根据你上次买的，这几款你大概率会喜欢～",
        },
    )
    return t


def abandoned_cart() -> T:
    t = T("abandoned-cart", "prospect", "customer", (0.08, 0.45), [
        p_event("cart_event", "cart_abandoned"),
        p_int("first_delay_hours", 1, 1, 24),
        p_int("coupon_value", 10, 0, 100),
        p_int("cap_messages", 3, 1, 10),
        p_int("cap_days", 7, 1, 30),
        p_int("reentry_days", 14, 1, 90),
    ], simulation={"events": {"purchased": {"probability": 0.22, "delay": {"distribution": EXP, "hours": 30}}}},
        settings={"re_entry": {"mode": "after", "days": par("reentry_days")},
                  "frequency_cap": {"max_messages": par("cap_messages"), "period_days": par("cap_days")}})
    t.add("entry", "trigger.event", event=par("cart_event"))
    t.add("wait", "wait.delay", amount=par("first_delay_hours"), unit="hours")
    t.message("push", "push")
    t.add("buy1", "wait.event", event="purchased", timeout_amount=1, timeout_unit="days")
    t.message("email", "email")
    t.add("buy2", "wait.event", event="purchased", timeout_amount=2, timeout_unit="days")
    t.message("sms", "sms")
    t.add("buy3", "wait.event", event="purchased", timeout_amount=3, timeout_unit="days")
    t.add("goal", "goal", label="Order placed")
    t.add("end", "exit", reason="Cart not recovered")
    t.seq("entry", "wait", "push", "buy1")
    t.wire("buy1", "timed_out", "email")
    t.seq("email", "buy2")
    t.wire("buy2", "timed_out", "sms")
    t.seq("sms", "buy3")
    for w in ("buy1", "buy2", "buy3"):
        t.wire(w, "happened", "goal")
    t.wire("buy3", "timed_out", "end")
    t.words(
        "en", name="Abandoned cart recovery",
        description="A push an hour after the cart is left, the cart by email the next day, and a last SMS "
                    "with a small coupon; at most {{param.cap_messages}} messages in {{param.cap_days}} days.",
        goal="Recover the order within 6 days",
        kpis=["Recovered carts", "Recovered revenue", "Messages per recovered cart", "Unsubscribes"],
        parameters={"cart_event": "Cart abandoned event", "first_delay_hours": "Hours before the first reminder",
                    "coupon_value": "Last-chance coupon value", "cap_messages": "Frequency cap: messages",
                    "cap_days": "Frequency cap: per days", "reentry_days": "Days before a contact can re-enter"},
        titles={"entry": "Cart abandoned", "wait": "Wait {{param.first_delay_hours}} hour(s)",
                "push": "Still thinking?", "buy1": "Ordered within a day?", "email": "Your cart by email",
                "buy2": "Ordered within 2 days?", "sms": "Last chance with a coupon", "buy3": "Ordered within 3 days?",
                "goal": "Order placed", "end": "Cart not recovered"},
        copy={
            "push.title": "You left something behind",
            "push.text": "Your cart is saved, {{first_name | default(\"friend\")}}: pick up where you left off.",
            "email.title": "Your cart is waiting",
            "email.text": "Hi {{first_name | default(\"there\")}},\n\nWe kept your cart for you. Free delivery "
                          "over 99, and returns are on us.",
            "sms.text": "{{brand}}: {{param.coupon_value}} off the cart you left, today only. Reply STOP to opt out.",
        },
    )
    t.words(
        "zh", name="购物车挽回旅程",
        description="加购未付款 1 小时后推送提醒，第二天邮件送上购物车清单，最后一条短信附小额优惠券；"
                    "频次控制：{{param.cap_days}} 天内最多 {{param.cap_messages}} 条。",
        goal="6 天内挽回订单",
        kpis=["挽回购物车数", "挽回销售额", "每单挽回的消息数", "退订率"],
        parameters={"cart_event": "放弃购物车事件", "first_delay_hours": "首次提醒前等待（小时）",
                    "coupon_value": "最后一次提醒的优惠券面额（元）", "cap_messages": "频次控制：最多条数",
                    "cap_days": "频次控制：周期（天）", "reentry_days": "再次进入旅程的间隔（天）"},
        titles={"entry": "放弃购物车", "wait": "等待 {{param.first_delay_hours}} 小时", "push": "还在犹豫吗？",
                "buy1": "一天内下单？", "email": "购物车清单邮件", "buy2": "两天内下单？", "sms": "最后提醒 + 优惠券",
                "buy3": "三天内下单？", "goal": "已下单", "end": "未挽回"},
        copy={
            "push.title": "购物车里的宝贝在等你",
            "push.text": "{{first_name | default(\"亲\")}}，购物车已帮你保存好，随时回来继续下单～",
            "email.title": "你的购物车还在哦",
            "email.text": "{{first_name | default(\"你好\")}}，\n\n购物车我们帮你留着呢。满 99 包邮，退换货运费我们出。",
            "sms.text": "【{{brand}}】购物车商品立减 {{param.coupon_value}} 元，仅限今天。回T退订",
        },
    )
    return t


def browse_abandonment() -> T:
    t = T("browse-abandonment", "prospect", "customer", (0.04, 0.35), [
        p_event("view_event", "product_viewed"),
        p_int("delay_hours", 4, 1, 72),
        p_choice("second_channel", "push", ["push", "in_app", "wechat"]),
        p_int("timeout_days", 3, 1, 14),
    ], simulation={"events": {"purchased": {"probability": 0.12, "delay": {"distribution": EXP, "hours": 48}}}},
        settings={"re_entry": {"mode": "after", "days": 14}})
    t.add("entry", "trigger.event", event=par("view_event"))
    t.add("wait", "wait.delay", amount=par("delay_hours"), unit="hours")
    t.message("email", "email")
    t.add("buy1", "wait.event", event="purchased", timeout_amount=par("timeout_days"), timeout_unit="days")
    t.message("nudge", par("second_channel"))
    t.add("buy2", "wait.event", event="purchased", timeout_amount=par("timeout_days"), timeout_unit="days")
    t.add("goal", "goal", label="Purchased")
    t.add("end", "exit", reason="Only browsing")
    t.seq("entry", "wait", "email", "buy1")
    t.wire("buy1", "happened", "goal")
    t.wire("buy1", "timed_out", "nudge")
    t.seq("nudge", "buy2")
    t.wire("buy2", "happened", "goal")
    t.wire("buy2", "timed_out", "end")
    t.words(
        "en", name="Browse abandonment",
        description="Someone looked at a product and left: a few hours later, an email with what they viewed and "
                    "similar picks, then one nudge in the app.",
        goal="Browsers buy within {{param.timeout_days}} days of a reminder",
        kpis=["Click rate of the reminder", "Purchase rate", "Revenue per reminder"],
        parameters={"view_event": "Product viewed event", "delay_hours": "Hours before the email",
                    "second_channel": "Channel of the nudge", "timeout_days": "Days to wait after each reminder"},
        titles={"entry": "Viewed a product", "wait": "Wait {{param.delay_hours}} hours", "email": "Still interested?",
                "buy1": "Bought?", "nudge": "A gentle nudge", "buy2": "Bought after the nudge?", "goal": "Purchased",
                "end": "Only browsing"},
        copy={
            "email.title": "Still thinking about it?",
            "email.text": "Hi {{first_name | default(\"there\")}},\n\nHere is what you looked at, with two similar "
                          "picks and what other customers say about them.",
            "nudge.title": "Back in stock in your size",
            "nudge.text": "The item you viewed is popular this week. Take another look.",
        },
    )
    t.words(
        "zh", name="浏览未购买提醒",
        description="用户看了商品却没下单：几小时后发一封邮件，附上 TA 看过的商品和相似推荐，再在 App 里轻轻提醒一次。",
        goal="浏览用户在提醒后 {{param.timeout_days}} 天内下单",
        kpis=["提醒点击率", "下单转化率", "单次提醒带来的销售额"],
        parameters={"view_event": "浏览商品事件", "delay_hours": "发邮件前等待（小时）", "second_channel": "二次提醒渠道",
                    "timeout_days": "每次提醒后等待天数"},
        titles={"entry": "浏览了商品", "wait": "等待 {{param.delay_hours}} 小时", "email": "还在考虑吗？",
                "buy1": "下单了吗？", "nudge": "轻提醒", "buy2": "提醒后下单？", "goal": "已下单", "end": "只是逛逛"},
        copy={
            "email.title": "刚才看中的，还在考虑吗？",
            "email.text": "{{first_name | default(\"你好\")}}，\n\n你刚才看过的商品我们帮你找回来了，还有两款相似好物和买家真实评价。",
            "nudge.title": "你看过的宝贝很抢手",
            "nudge.text": "这周卖得特别好，库存不多，再去看看吧～",
        },
    )
    return t


def birthday() -> T:
    t = T("birthday", "customer", "repeat_customer", (0.04, 0.40), [
        p_int("offset_days", -3, -14, 0),
        p_choice("send_time", "10:00", ["08:00", "09:00", "10:00", "12:00", "18:00", "20:00"]),
        p_int("gift_value", 30, 5, 500),
        p_choice("greeting_channel", "wechat", ["wechat", "sms", "push"]),
        p_int("coupon_days", 14, 3, 60),
    ], simulation={"events": {"purchased": {"probability": 0.2, "delay": {"distribution": EXP, "hours": 72}}}},
        settings={"re_entry": {"mode": "after", "days": 300}})
    t.add("entry", "trigger.schedule", mode="date_attribute", attribute="birthday", offset_days=par("offset_days"),
          yearly=True, time=par("send_time"))
    t.message("gift", "email")
    t.add("morning", "wait.until", mode="time_window", start="09:00", end="11:00")
    t.message("greeting", par("greeting_channel"))
    t.add("buy", "wait.event", event="purchased", timeout_amount=par("coupon_days"), timeout_unit="days")
    t.add("goal", "goal", label="Birthday gift used")
    t.add("end", "exit", reason="Gift not used")
    t.seq("entry", "gift", "morning", "greeting", "buy")
    t.wire("buy", "happened", "goal")
    t.wire("buy", "timed_out", "end")
    t.words(
        "en", name="Birthday gift in the contact's local time",
        description="A birthday gift at {{param.send_time}} in each contact's own time zone, shortly before the "
                    "birthday (offset {{param.offset_days}} days), then a warm greeting in their morning.",
        goal="Members use their birthday gift within {{param.coupon_days}} days",
        kpis=["Gift redemption rate", "Birthday-month revenue", "Open rate of the greeting"],
        parameters={"offset_days": "Days from the birthday (-3 = three days before)",
                    "send_time": "Local send time", "gift_value": "Gift value",
                    "greeting_channel": "Greeting channel", "coupon_days": "Gift valid for (days)"},
        titles={"entry": "Birthday coming up", "gift": "Your birthday gift", "morning": "Wait for their morning",
                "greeting": "Happy birthday", "buy": "Wait for the gift to be used", "goal": "Birthday gift used",
                "end": "Gift not used"},
        copy={
            "gift.title": "A birthday gift for you, {{first_name | default(\"friend\")}}",
            "gift.text": "Happy birthday from all of us at {{brand}}! A {{param.gift_value}} gift is in your "
                         "account, valid for {{param.coupon_days}} days.",
            "greeting.title": "Happy birthday!",
            "greeting.text": "Happy birthday, {{first_name | default(\"friend\")}}! Your {{param.gift_value}} gift "
                             "is waiting.",
        },
    )
    t.words(
        "zh", name="生日关怀（按会员本地时间）",
        description="按会员所在时区，在生日前夕（偏移 {{param.offset_days}} 天）的 {{param.send_time}} 送出生日礼，"
                    "再在当地上午送上一句暖心祝福。",
        goal="会员在 {{param.coupon_days}} 天内使用生日礼",
        kpis=["生日礼核销率", "生日月销售额", "祝福消息打开率"],
        parameters={"offset_days": "相对生日的天数（-3 即提前三天）", "send_time": "本地发送时间",
                    "gift_value": "生日礼金额（元）", "greeting_channel": "祝福渠道", "coupon_days": "生日礼有效期（天）"},
        titles={"entry": "生日将至", "gift": "生日礼物", "morning": "等到当地上午", "greeting": "生日祝福",
                "buy": "等待使用生日礼", "goal": "已使用生日礼", "end": "未使用生日礼"},
        copy={
            "gift.title": "{{first_name | default(\"亲爱的会员\")}}，你的生日礼到啦",
            "gift.text": "{{brand}}全体小伙伴祝你生日快乐！{{param.gift_value}} 元生日礼已放入账户，"
                         "{{param.coupon_days}} 天内有效。",
            "greeting.title": "生日快乐！",
            "greeting.text": "{{first_name | default(\"亲\")}}，生日快乐🎂 {{param.gift_value}} 元生日礼在等你领取哦。",
        },
    )
    return t


TEMPLATES = [repeat_purchase, abandoned_cart, browse_abandonment, birthday]
