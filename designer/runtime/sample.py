"""Deterministic sample contacts and event history, for demos, dry-runs and tests.

Plain Python ``random.Random(seed)``: the same seed gives the same people on
every machine and Python version, so a forecast or a demo is reproducible.
The bundled files in ``resources/sample/`` are :func:`sample_contacts` and
:func:`sample_events` with their defaults, written by
``python -m designer.runtime.durable.contacts --write-sample`` (see :mod:`designer.runtime.durable.contacts`).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from designer.nodes import CHANNELS, channel_kind

SAMPLE_END = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday: the history ends here
STAGES = ("stranger", "prospect", "customer", "repeat_customer", "promoter")
_STAGE_WEIGHTS = (8, 40, 30, 15, 7)

# Regions: time zone, cities, name pool, phone prefix, share of contacts.
_REGIONS = [
    ("Asia/Shanghai", ["Shanghai", "Beijing", "Hangzhou", "Shenzhen", "Chengdu", "Guangzhou"], "zh", "+86 13", 34),
    ("Asia/Hong_Kong", ["Hong Kong"], "zh", "+852 ", 4),
    ("Asia/Singapore", ["Singapore"], "mixed", "+65 ", 5),
    ("Asia/Tokyo", ["Tokyo", "Osaka"], "ja", "+81 90", 5),
    ("Europe/London", ["London", "Manchester", "Edinburgh"], "en", "+44 7", 14),
    ("Europe/Berlin", ["Berlin", "Munich", "Hamburg"], "de", "+49 15", 7),
    ("Europe/Paris", ["Paris", "Lyon"], "fr", "+33 6", 5),
    ("America/New_York", ["New York", "Boston", "Toronto"], "en", "+1 ", 14),
    ("America/Los_Angeles", ["Los Angeles", "San Francisco", "Seattle"], "en", "+1 ", 8),
    ("Australia/Sydney", ["Sydney", "Melbourne"], "en", "+61 4", 4),
]

_NAMES = {
    "zh": (["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
            "Wei", "Fang", "Li", "Jing", "Hao", "Xin", "Yu", "Lei", "Ming", "Tao"],
           ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]),
    "ja": (["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Mei"],
           ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto"]),
    "en": (["Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia", "James", "Isla",
            "George", "Mia", "Harry", "Grace", "Jack", "Chloe", "Lucas", "Aisha", "Mohammed", "Priya", "Diego"],
           ["Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Davies", "Evans", "Wilson", "Patel",
            "Garcia", "Martinez", "O'Brien", "Khan", "Nguyen", "Murphy", "Clarke", "Thompson"]),
    "de": (["Lukas", "Mia", "Leon", "Hannah", "Finn", "Emilia", "Jonas", "Lena"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner"]),
    "fr": (["Louise", "Gabriel", "Chloé", "Raphaël", "Léa", "Hugo", "Manon", "Jules"],
           ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Lefèvre"]),
}
_PINYIN = {"伟": "wei", "芳": "fang", "娜": "na", "秀英": "xiuying", "敏": "min", "静": "jing", "丽": "li",
           "强": "qiang", "磊": "lei", "洋": "yang", "艳": "yan", "勇": "yong", "军": "jun", "杰": "jie",
           "娟": "juan", "涛": "tao", "明": "ming", "超": "chao", "王": "wang", "李": "li", "张": "zhang",
           "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang", "赵": "zhao", "吴": "wu", "周": "zhou",
           "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu", "郭": "guo"}
_ASCII = str.maketrans({"ü": "ue", "é": "e", "è": "e", "ë": "e", "'": ""})
_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "example.cn")
_PLANS = ("free", "basic", "pro", "team")
_TAGS = ("newsletter", "vip", "webinar_attendee", "coupon_user", "app_user", "lapsed", "trade_show", "referral",
         "high_value", "mini_program")
_SOURCES = ("website", "wechat", "trade_show", "referral", "ads", "app_store", "partner")
_PRODUCTS = (("Coffee beans 1kg", 128.0), ("Drip bags x20", 59.0), ("Grinder", 699.0), ("Mug", 45.0),
             ("Subscription month", 99.0), ("Gift card", 200.0))
_PAGES = ("/", "/shop", "/shop/beans", "/blog/brewing-guide", "/pricing", "/events", "/account")


def _slug(text: str) -> str:
    text = "".join(_PINYIN.get(ch, ch) for ch in text) if not text.isascii() else text
    text = _PINYIN.get(text, text)
    return "".join(ch for ch in text.lower().translate(_ASCII) if ch.isalnum())


def _pick_region(rng: random.Random) -> tuple:
    return rng.choices(_REGIONS, weights=[r[4] for r in _REGIONS])[0]


def _name(rng: random.Random, pool: str) -> tuple[str, str]:
    if pool == "mixed":
        pool = rng.choice(("zh", "en"))
    firsts, lasts = _NAMES[pool]
    if pool == "zh" and rng.random() < 0.6:  # Chinese script: pick Chinese characters on both sides
        return rng.choice([f for f in firsts if not f.isascii()]), rng.choice([s for s in lasts if not s.isascii()])
    return rng.choice(firsts), rng.choice(lasts)


def sample_contacts(n: int = 1000, seed: int = 7) -> list[dict]:
    """``n`` realistic, varied contacts, the same for the same seed."""
    rng = random.Random(seed)
    end = SAMPLE_END.date()
    out: list[dict] = []
    for i in range(1, n + 1):
        tz, cities, pool, prefix, _ = _pick_region(rng)
        first, last = _name(rng, pool)
        cid = f"c{i:05d}"
        has_email = rng.random() < 0.93
        email = f"{_slug(first)}.{_slug(last)}{i}@{rng.choice(_DOMAINS)}" if has_email else None
        phone = f"{prefix}{rng.randint(10**8, 10**9 - 1)}" if rng.random() < 0.75 else None
        wechat = f"wx_{_slug(first)}{rng.randint(100, 9999)}" if pool in ("zh", "mixed") and rng.random() < 0.8 else None
        stage = rng.choices(STAGES, weights=_STAGE_WEIGHTS)[0]
        signup = end - timedelta(days=rng.randint(0, 900))
        birthday = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
        tags = sorted(rng.sample(_TAGS, rng.choices((0, 1, 2, 3), weights=(25, 40, 25, 10))[0]))
        orders = 0 if stage in ("stranger", "prospect") else rng.randint(1, 3 if stage == "customer" else 12)
        score = max(0, min(100, int(rng.gauss(20 + 15 * STAGES.index(stage), 15))))
        consent = _consent(rng, {"id": cid, "email": email, "phone": phone, "wechat_id": wechat})
        out.append({
            "id": cid,
            "first_name": first,
            "last_name": last,
            "email": email,
            "phone": phone,
            "wechat_id": wechat,
            "timezone": tz,
            "stage": stage,
            "score": score,
            "tags": tags,
            "attributes": {
                "city": rng.choice(cities),
                "plan": rng.choices(_PLANS, weights=(45, 25, 22, 8))[0],
                "birthday": birthday.isoformat(),
                "signup_date": signup.isoformat(),
                "source": rng.choice(_SOURCES),
                "orders": orders,
                "lifetime_value": round(orders * rng.uniform(60, 260), 2),
                "language": {"zh": "zh", "ja": "ja", "de": "de", "fr": "fr"}.get(pool, "en"),
            },
            "consent": consent,
        })
    return out


def _consent(rng: random.Random, addresses: dict) -> dict[str, bool]:
    """Yes or no per channel: only contacts a channel can reach may have said yes
    (hand-offs to systems and the team need no consent: recorded as yes)."""
    out = {}
    for channel in CHANNELS:
        kind = channel_kind(channel)
        if not kind.is_message:
            out[channel] = True
        else:
            out[channel] = kind.address(addresses) is not None and rng.random() < kind.sample_consent_rate
    return out


def sample_events(contacts: list[dict], seed: int = 7, days: int = 28, end: datetime = SAMPLE_END) -> list[dict]:
    """A few weeks of behaviour for ``contacts``, sorted by time; deterministic."""
    rng = random.Random(seed * 7919 + len(contacts))
    start = end - timedelta(days=days)
    span = (end - start).total_seconds()
    rows: list[tuple[datetime, str, str, dict]] = []

    def at() -> datetime:
        return start + timedelta(seconds=int(rng.random() * span))

    for c in contacts:
        cid, stage = c["id"], STAGES.index(c["stage"])
        activity = 0.3 + stage * 0.35 + c["score"] / 60
        signup = c["attributes"]["signup_date"]
        if signup >= start.date().isoformat():
            t = datetime.fromisoformat(signup).replace(tzinfo=UTC) + timedelta(hours=rng.randint(8, 20))
            rows.append((min(t, end), cid, "signed_up", {"source": c["attributes"]["source"]}))
        for _ in range(_poisson(rng, 2.5 * activity)):
            rows.append((at(), cid, "visited_site", {"page": rng.choice(_PAGES), "seconds": rng.randint(5, 600)}))
        if c["consent"]["email"]:
            for _ in range(_poisson(rng, 1.2 * activity)):
                rows.append((at(), cid, "email_opened", {"campaign": rng.choice(("newsletter", "welcome", "promo"))}))
        for _ in range(_poisson(rng, 0.25 * stage)):
            product, price = rng.choice(_PRODUCTS)
            qty = rng.randint(1, 3)
            rows.append((at(), cid, "purchased", {"product": product, "amount": round(price * qty, 2), "quantity": qty}))
        if "trade_show" in c["tags"] and rng.random() < 0.5:
            rows.append((at(), cid, "checked_in", {"event": "Shanghai Coffee Expo", "booth": rng.choice("ABCD")}))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))  # total order on (time, contact, name): stable output
    return [
        {"contact_id": cid, "name": name, "time": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "properties": props}
        for t, cid, name, props in rows
    ]


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: fine for the small rates used here, and independent of numpy versions.
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
