import math
import pickle
from datetime import UTC, date, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.conditions import (
    FUNCTIONS,
    Condition,
    ConditionSyntaxError,
    RecordFrame,
    check,
    evaluate_one,
    parse,
)

NOW = 1_700_000_000.0
DAY = 86400.0


def ev(text, record):
    return evaluate_one(text, record, NOW)


def syntax_error(text):
    with pytest.raises(ConditionSyntaxError) as info:
        parse(text)
    return info.value


# ------------------------------------------------------------------ precedence

@pytest.mark.parametrize("a", [False, True])
@pytest.mark.parametrize("b", [False, True])
@pytest.mark.parametrize("c", [False, True])
def test_precedence_not_and_or(a, b, c):
    record = {"a": a, "b": b, "c": c}
    assert ev("not a and b or c", record) == (((not a) and b) or c)
    assert ev("a or b and c", record) == (a or (b and c))
    assert ev("not (a or b) and c", record) == ((not (a or b)) and c)
    assert ev("NOT a AND b Or c", record) == (((not a) and b) or c)  # keywords are case-insensitive


def test_not_binds_looser_than_comparison():
    assert ev("not score == 1", {"score": 2}) is True
    assert ev("not score == 1", {"score": 1}) is False
    assert ev("not not score == 1", {"score": 1}) is True


# ------------------------------------------------------------------ operators

@pytest.mark.parametrize(
    "text, expected",
    [
        ("score == 42", True), ("score == 41", False),
        ("score != 41", True), ("score != 42", False),
        ("score < 43", True), ("score < 42", False),
        ("score <= 42", True), ("score <= 41.5", False),
        ("score > 41.9", True), ("score > 42", False),
        ("score >= 42", True), ("score >= 42.1", False),
        ("score > -1", True), ("score < -1", False),
        ("city == 'Paris'", True), ("city == \"paris\"", False),
        ("city < 'Rome'", True), ("city > 'Rome'", False),  # strings compare lexicographically
        ("city in ['Lyon', 'Paris']", True), ("city in ['Lyon', 'Nice']", False),
        ("city not in ['Lyon', 'Nice']", True), ("city not in ['Lyon', 'Paris']", False),
        ("score in [1, 42.0]", True), ("score in []", False),
        ("'ar' in city", True), ("'xyz' in city", False),
        ("'xyz' not in city", True), ("'ar' not in city", False),
        ("'golf' in interests", True), ("'chess' in interests", False),
        ("'chess' not in interests", True), ("'golf' not in interests", False),
        ("city contains 'ari'", True), ("city contains 'Ari'", False),
        ("interests contains 'tennis'", True), ("interests contains 'ten'", False),
        ("props contains 'amount'", True), ("props contains 'nope'", False),
        ("[1, 2, score] contains 42", True), ("[1, 2, score] contains 3", False),
        ("[score, 'x'] == [42, 'x']", True), ("interests == ['golf', 'tennis']", True),
        ("vip == true", True), ("vip != true", False), ("vip == 1", True), ("vip > 0", True),
        ("lower(city) == 'paris'", True), ("lower('ABC') == 'abc'", True),
        ("len(city) == 5", True), ("len(interests) == 2", True), ("len(score) == null", True),
    ],
)
def test_operators(text, expected):
    record = {
        "score": 42, "city": "Paris", "vip": True,
        "interests": ["golf", "tennis"], "props": {"amount": 12.5},
    }
    assert ev(text, record) is expected


# ------------------------------------------------------------------ null semantics

@pytest.mark.parametrize(
    "text, expected",
    [
        ("score == null", True), ("score != null", False),
        ("null == score", True), ("null != score", False),
        ("score == 1", False), ("score != 1", False),
        ("score < 1", False), ("score >= 1", False),
        ("score in [1, null]", False), ("score not in [1, 2]", False),
        ("score contains 1", False), ("[1] contains score", False),
        ("not (score == 1)", True), ("not score", True), ("score", False),
        ("null == null", True), ("null != null", False),
        ("other == score", False), ("other != score", False),  # two missing values are not equal
        ("nan_value == null", True), ("nan_value > 0", False),  # NaN counts as missing
        ("city not in missing_list", False), ("city in missing_list", False),
    ],
)
def test_null_semantics(text, expected):
    assert ev(text, {"city": "Paris", "nan_value": math.nan}) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("city < 3", False), ("city > 3", False), ("city == 3", False), ("city != 3", True),
        ("interests < 1", False), ("props > 'a'", False), ("score < 'abc'", False),
        ("score == 'abc'", False), ("'a' < 3", False), ("[1] < [2]", False),
        ("city in 'Paris'", True), ("score in 'x42'", False), ("score not in 'x42'", False),
        ("city in 5", False), ("city not in 5", False), ("interests contains null", False),
    ],
)
def test_type_mismatch_is_false_not_error(text, expected):
    record = {"score": 42, "city": "Paris", "interests": ["golf"], "props": {"a": 1}}
    assert ev(text, record) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("score == 42", True), ("score > 41.5", True), ("score < 100", True),
        ("score in [42]", True), ("score == '42'", True),  # string literal vs string value: exact text
        ("half == 4.5", True), ("half > 4", True), ("big == 12345678901234567", True),
        ("word == 0", False), ("word > 0", False),
        ("score == '42.0'", False),  # two strings compare as strings
        ("yes == true", True), ("no == false", True), ("no == true", False),
        ("score", True), ("zero", False), ("no", False), ("empty", False), ("word", True),
    ],
)
def test_numeric_and_boolean_strings_from_csv(text, expected):
    record = {"score": "42", "half": " 4.5 ", "big": "12345678901234567", "word": "abc",
              "yes": "TRUE", "no": "false", "zero": "0", "empty": ""}
    assert ev(text, record) is expected


@pytest.mark.parametrize(
    "value, expected",
    [(None, False), (0, False), (0.0, False), (False, False), ("", False), ([], False), ({}, False),
     ("0", False), ("false", False), (1, True), (-0.5, True), (True, True), ("x", True), ([0], True),
     ({"a": 1}, True), ("  ", True)],
)
def test_bare_operand_truthiness(value, expected):
    assert ev("x", {"x": value}) is expected
    assert ev("not x", {"x": value}) is (not expected)


# ------------------------------------------------------------------ names, dotted lookups, tricks

def test_dotted_lookup_through_nested_dicts():
    record = {"props": {"amount": 12.5, "address": {"city": "Lyon"}}, "attributes": {"plan": {"tier": "gold"}}}
    assert ev("props.amount > 10", record)
    assert ev("props.address.city == 'Lyon'", record)
    assert ev("plan.tier == 'gold'", record)  # top level first, then "attributes"
    assert ev("props.missing.deeper == null", record)
    assert ev("props.amount.x == null", record)  # digging into a number is missing, not an error
    assert ev("props.amount == null", {"props": "not a dict"})


def test_top_level_wins_over_attributes():
    assert ev("city == 'Top'", {"city": "Top", "attributes": {"city": "Attr"}})
    assert ev("city == 'Attr'", {"attributes": {"city": "Attr"}})


@pytest.mark.parametrize(
    "text",
    ["x.__class__ == null", "city.__class__ == null", "city.__class__.__mro__ == null",
     "__class__ == null", "__builtins__ == null", "city.upper == null", "props.__dict__ == null",
     "props.keys == null"],
)
def test_attribute_tricks_are_just_missing_keys(text):
    assert ev(text, {"city": "Paris", "props": {"a": 1}}) is True


@pytest.mark.parametrize(
    "text, position",
    [("__import__('os')", 0), ("().__class__", 1), ("city.upper()", 0), ("getattr(city, 'x')", 0),
     ("a == ''.join(['x'])", 7), ("open('/etc/passwd')", 0), ("eval('1')", 0), ("a; b", 1),
     ("lambda: 1", 6), ("a if b else c", 2), ("x[0]", 1)],
)
def test_python_tricks_are_syntax_errors(text, position):
    assert syntax_error(text).position == position


def test_names_events_tags():
    cond = parse("score > 1 and props.amount < 5 or has_tag('vip') and events('buy', 7) > days_since('signup')"
                 " or not has_tag('churned') and events('open') == 0 and lower(city) in [country, 'x']")
    assert cond.names() == {"score", "props", "signup", "city", "country"}
    assert cond.events() == {"buy", "open"}
    assert cond.tags() == {"vip", "churned"}
    assert parse("true").names() == frozenset()


# ------------------------------------------------------------------ functions

def test_has_tag():
    assert ev("has_tag('vip')", {"tags": ["vip", "new"]})
    assert not ev("has_tag('VIP')", {"tags": ["vip"]})
    assert not ev("has_tag('vip')", {})
    assert ev("has_tag('new') and not has_tag('old')", {"tags": "vip, new"})  # CSV-style tag string
    assert ev("HAS_TAG('vip')", {"tags": ["vip"]})  # function names are case-insensitive


def test_events_with_and_without_window():
    record = {"events": [("purchase", NOW - 1 * DAY), ("purchase", NOW - 10 * DAY),
                         ("purchase", NOW - 40 * DAY), ("purchase", NOW + DAY),  # future: not yet happened
                         {"name": "open", "ts": NOW - 2 * DAY}]}
    assert ev("events('purchase') == 3", record)
    assert ev("events('purchase', 30) == 2", record)
    assert ev("events('purchase', 10) == 2", record)  # window edge is inclusive
    assert ev("events('purchase', 0.5) == 0", record)
    assert ev("events('purchase', 0) == 0", record)
    assert ev("events('open', 3) == 1 and events('open', 1) == 0", record)
    assert ev("events('never') == 0", record)
    assert ev("events('purchase', 30)", record) and not ev("events('never')", record)


def test_events_vectorised():
    frame = RecordFrame([{"events": [("a", NOW - k * DAY) for k in range(n)]} for n in range(5)])
    assert parse("events('a')").evaluate(frame, NOW).tolist() == [False, True, True, True, True]
    assert parse("events('a', 2.5) >= 2").evaluate(frame, NOW).tolist() == [False, False, True, True, True]


@pytest.mark.parametrize(
    "value",
    [datetime.fromtimestamp(NOW - 10 * DAY, UTC).isoformat(),
     datetime.fromtimestamp(NOW - 10 * DAY, UTC).replace(tzinfo=None),  # naive = UTC
     datetime.fromtimestamp(NOW - 10 * DAY, UTC),
     NOW - 10 * DAY, int(NOW - 10 * DAY)],
)
def test_days_since(value):
    record = {"signup": value}
    assert ev("days_since('signup') > 9.999 and days_since('signup') < 10.001", record)
    assert ev("days_since(signup) > 9.999", record)  # bare name works too


def test_days_since_dates_and_nulls():
    day = datetime.fromtimestamp(NOW, UTC).date()
    assert ev("days_since('d') >= 0 and days_since('d') < 1", {"d": day})
    assert ev("days_since('d') > 365", {"d": date(2000, 1, 1)})
    assert ev("days_since('d') > 365", {"d": "2000-01-01"})
    assert ev("days_since('props.d') > 365", {"props": {"d": "2000-01-01T00:00:00Z"}})
    for bad in [None, "not a date", "", True, [1], math.nan]:
        assert ev("days_since('d') == null", {"d": bad}), bad
        assert not ev("days_since('d') > -1e300", {"d": bad}), bad
    assert ev("days_since('d') == null", {})


# ------------------------------------------------------------------ syntax errors

@pytest.mark.parametrize(
    "text, position, fragment",
    [
        ("score >", 7, "expected a value"),
        ("(a == 1", 7, "expected ')'"),
        ("(a == 1 b", 8, "expected ')'"),
        ("[1, 2", 5, "expected ']'"),
        ("a == 1)", 6, "unexpected ')'"),
        ("score = 5", 6, "did you mean '=='"),
        ("a && b", 2, "unexpected character"),
        ("a not b", 2, "unexpected 'not'"),
        ("1 < 2 < 3", 6, "cannot be chained"),
        ("a in b contains c", 7, "cannot be chained"),
        ("a 'in'", 2, "unexpected string"),
        ("a b", 2, "unexpected name"),
        ("a 1", 2, "unexpected number"),
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        ("'abc", 0, "unterminated string"),
        ("a == 'x\\q'", 7, "unknown escape"),
        ("12abc", 0, "malformed number"),
        ("1.", 0, "malformed number"),
        ("- x", 2, "expected a number after '-'"),
        ("a == -", 6, "expected a number after '-'"),
        ("a and bogus(1)", 6, "unknown function 'bogus'"),
        ("a.b(1)", 0, "unknown function 'a.b'"),
        ("has_tag()", 0, "takes 1 argument"),
        ("x or events('a', 1, 2)", 5, "takes 1 to 2 argument"),
        ("days_since()", 0, "takes 1 argument"),
        ("lower(a, b)", 0, "takes 1 argument"),
        ("has_tag(tag)", 8, "quoted name"),
        ("events(1)", 7, "quoted name"),
        ("events('a', -1)", 12, "window"),
        ("events('a', 'x')", 12, "window"),
        ("days_since(1)", 11, "attribute name"),
        ("[1,]", 3, "expected a value"),
        ("a in", 4, "expected a value"),
        ("a not in", 8, "expected a value"),
        ("a . b", 2, "unexpected character '.'"),
        ("true.x", 4, "unexpected character '.'"),
    ],
)
def test_syntax_error_positions(text, position, fragment):
    err = syntax_error(text)
    assert err.position == position
    assert fragment in err.message
    assert str(err) == f"{err.message} at position {position}"
    assert check(text) is not None and check(text).position == position


def test_error_type_and_pickling():
    err = syntax_error("score >")
    assert isinstance(err, ValueError)
    assert str(err) == "expected a value at position 7"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.position, str(copy)) == (err.message, err.position, str(err))


def test_non_string_input_is_a_syntax_error():
    for bad in (None, 5, ["a"], b"a == 1"):
        with pytest.raises(ConditionSyntaxError):
            parse(bad)


# ------------------------------------------------------------------ limits

def test_deep_parentheses_are_a_syntax_error_not_recursion():
    for opener, closer in (("(", ")"), ("[", "]"), ("not ", ""), ("lower(", ")")):
        with pytest.raises(ConditionSyntaxError) as info:
            parse(opener * 10_000 + "a" + closer * 10_000)
        assert "nested too deeply" in info.value.message or "too long" in info.value.message


def test_depth_limit_boundary():
    assert ev("(" * 64 + "a == 1" + ")" * 64, {"a": 1})
    err = syntax_error("(" * 65 + "a" + ")" * 65)
    assert err.position == 64 and "nested too deeply" in err.message
    assert ev("not " * 64 + "a", {"a": True})
    with pytest.raises(ConditionSyntaxError):
        parse("not " * 65 + "a")


def test_length_limit():
    err = syntax_error("a" * 1_000_000)
    assert err.position == 4000 and "too long" in err.message
    long_ok = "a == 1" + " " * (4000 - 6)
    assert parse(long_ok).text == long_ok
    assert check(long_ok + " ") is not None


def test_list_literal_limit():
    ok = "a in [" + ",".join(["1"] * 1000) + "]"
    assert ev(ok, {"a": 1})
    err = syntax_error("a in [" + ",".join(["1"] * 1001) + "]")
    assert "more than 1000" in err.message and err.position == 6 + 2 * 1000


# ------------------------------------------------------------------ API details

def test_parse_is_cached_and_condition_is_immutable_value():
    assert parse("score > 1") is parse("score > 1")
    assert Condition("score > 1") == parse("score > 1")
    assert hash(Condition("score > 1")) == hash(parse("score > 1"))
    with pytest.raises(ConditionSyntaxError):
        Condition("score >")
    with pytest.raises(AttributeError):
        parse("a").text = "b"
    assert check("score > 1") is None


def test_functions_whitelist():
    assert FUNCTIONS == {"has_tag": (1, 1), "events": (1, 2), "days_since": (1, 1), "lower": (1, 1), "len": (1, 1)}


def test_string_escapes_and_numbers():
    assert ev(r"s == 'it\'s \"q\" \\ end\n'", {"s": "it's \"q\" \\ end\n"})
    assert ev(r'''s == "a'b"''', {"s": "a'b"})
    assert ev("n == 1e3 and n == 1000.0 and n > 999", {"n": 1000})
    assert ev("n < 99999999999999999999999", {"n": 10**20})
    assert ev("n > -1.5e-3", {"n": 0})


# ------------------------------------------------------------------ vectorised evaluation

RECORDS = [
    {"score": 80, "city": "Paris", "tags": ["vip"], "props": {"amount": 120},
     "events": [("purchase", NOW - DAY)], "attributes": {"signup": "2023-01-01"}},
    {"score": "55", "city": "Lyon", "tags": [], "props": {"amount": "15.5"}, "events": []},
    {"score": None, "city": "Nice", "tags": ["vip", "churned"], "props": {},
     "events": [("purchase", NOW - 90 * DAY), ("purchase", NOW - 2 * DAY)]},
    {"city": "paris", "props": "oops", "attributes": {"score": 10.0, "signup": "not a date"}},
    {"score": math.nan, "city": None, "tags": "vip", "props": {"amount": None}, "events": [("x", NOW)]},
    {},
]

CONDITIONS = [
    ("score > 50", [True, True, False, False, False, False]),
    ("score >= 10 and city != 'Paris'", [False, True, False, True, False, False]),
    ("score == null", [False, False, True, False, True, True]),
    ("lower(city) == 'paris'", [True, False, False, True, False, False]),
    ("city in ['Paris', 'Nice'] or props.amount > 100", [True, False, True, False, False, False]),
    ("has_tag('vip') and not has_tag('churned')", [True, False, False, False, True, False]),
    ("events('purchase', 30) >= 1", [True, False, True, False, False, False]),
    ("events('purchase') == 2", [False, False, True, False, False, False]),
    ("props.amount", [True, True, False, False, False, False]),
    ("days_since('signup') > 30", [True, False, False, False, False, False]),
    ("not score", [False, False, True, False, True, True]),
    ("[score, 1] contains 10", [False, False, False, True, False, False]),
    ("city contains 'i'", [True, False, True, True, False, False]),
    ("true", [True] * 6),
    ("null", [False] * 6),
]


@pytest.mark.parametrize("text, expected", CONDITIONS)
def test_vectorised_matches_per_row(text, expected):
    cond = parse(text)
    result = cond.evaluate(RecordFrame(RECORDS), NOW)
    assert isinstance(result, np.ndarray) and result.dtype == bool and result.shape == (len(RECORDS),)
    assert result.tolist() == expected
    assert [evaluate_one(cond, r, NOW) for r in RECORDS] == expected


def test_empty_frame():
    for text, _ in CONDITIONS:
        result = parse(text).evaluate(RecordFrame([]), NOW)
        assert result.dtype == bool and result.shape == (0,)


class ArrayFrame:
    """A columnar frame like the runtime's: float columns with NaN, and records value() calls."""

    def __init__(self, columns, tags=None, events=None):
        self.columns, self.tags, self.events, self.calls = columns, tags or {}, events or {}, []
        self.n = len(next(iter(columns.values())))

    def __len__(self):
        return self.n

    def value(self, name):
        self.calls.append(name)
        return self.columns.get(name, np.full(self.n, None, dtype=object))

    def has_tag(self, tag):
        return self.tags.get(tag, np.zeros(self.n, dtype=bool))

    def event_count(self, event, within_days, now):
        return self.events.get((event, within_days), np.zeros(self.n, dtype=np.int64))


def test_large_numeric_frame_fast_path():
    rng = np.random.default_rng(0)
    n = 100_000
    score = rng.uniform(0, 100, n)
    score[::7] = np.nan  # missing
    vip = rng.random(n) < 0.3
    buys = rng.integers(0, 5, n)
    frame = ArrayFrame({"score": score}, tags={"vip": vip}, events={("buy", 30.0): buys})
    result = parse("score > 50 and has_tag('vip') or events('buy', 30) >= 3 and score != null").evaluate(frame, NOW)
    with np.errstate(invalid="ignore"):
        expected = ((score > 50) & vip) | ((buys >= 3) & ~np.isnan(score))
    assert np.array_equal(result, expected)
    assert np.array_equal(parse("score != 20").evaluate(frame, NOW), (score != 20) & ~np.isnan(score))
    assert np.array_equal(parse("not score").evaluate(frame, NOW), np.isnan(score) | (score == 0))
    assert not np.shares_memory(parse("has_tag('vip')").evaluate(frame, NOW), vip)  # caller's array untouched


def test_dotted_names_ask_the_frame_for_the_first_part_only():
    props = np.empty(3, dtype=object)
    props[:] = [{"amount": 5}, {"amount": "7"}, None]
    frame = ArrayFrame({"props": props})
    assert parse("props.amount > 6 or props.amount == 5").evaluate(frame, NOW).tolist() == [True, True, False]
    assert frame.calls == ["props"]  # fetched once per evaluate, never with the dotted tail


def test_object_frame_mixed_values():
    values = np.empty(6, dtype=object)
    values[:] = [1, "1", 1.0, True, "one", None]
    frame = ArrayFrame({"v": values})
    assert parse("v == 1").evaluate(frame, NOW).tolist() == [True, True, True, True, False, False]
    assert parse("v in [1]").evaluate(frame, NOW).tolist() == [True, True, True, True, False, False]
    assert parse("v in ['1', 'x']").evaluate(frame, NOW).tolist() == [True, True, True, False, False, False]
    assert parse("v not in ['1', 'x']").evaluate(frame, NOW).tolist() == [False, False, False, True, True, False]
    assert parse("v not in ['one']").evaluate(frame, NOW).tolist() == [True, True, True, True, False, False]


# ------------------------------------------------------------------ fuzzing

GRAMMAR_CHARS = "()[],.'\"\\-=!<> \n\t0123456789eE_abcnotrusilxyzAND"
TOKENS = ["and", "or", "not", "in", "not in", "contains", "true", "false", "null", "==", "!=", "<", "<=",
          ">", ">=", "(", ")", "[", "]", ",", "-", "1", "2.5", "'x'", '"y"', "score", "city", "props.amount",
          "has_tag", "events", "days_since", "lower", "len", "x.__class__", "'", "1e3", "NaN"]

FUZZ_RECORDS = [
    {"score": 5, "city": "Paris", "tags": ["x"], "events": [("x", NOW)], "props": {"amount": "3"}},
    {"score": "abc", "city": ["a", 1, None], "props": [1, 2], "x": {"__class__": 1}},
    {"score": math.nan, "city": {"a": {"b": []}}, "props": None, "signup": "2020-01-01"},
    {"score": 10**400, "city": -1e308, "props": {"amount": [[[]]]}},
    {},
]


def assert_parses_or_syntax_error(text):
    try:
        cond = parse(text)
    except ConditionSyntaxError as err:
        assert 0 <= err.position <= max(len(text), 0) or err.position == 4000
        return
    result = cond.evaluate(RecordFrame(FUZZ_RECORDS), NOW)  # anything that parses evaluates
    assert result.dtype == bool and result.shape == (len(FUZZ_RECORDS),)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_random_text(text):
    assert_parses_or_syntax_error(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=GRAMMAR_CHARS, max_size=120))
def test_fuzz_grammar_characters(text):
    assert_parses_or_syntax_error(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_fuzz_token_soup(tokens):
    assert_parses_or_syntax_error(" ".join(tokens))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.floats(), st.integers(-5, 5)), min_size=1, max_size=20),
    st.sampled_from(["== {}", "!= {}", "< {}", "<= {}", "> {}", ">= {}", "in [{}, 2]", "not in [{}]", "== null"]),
    st.one_of(st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False)),
)
def test_numpy_fast_path_agrees_with_object_path(values, op, const):
    text = "a " + op.format(repr(const))
    floats = np.array([math.nan if v is None else float(v) for v in values])
    fast = parse(text).evaluate(ArrayFrame({"a": floats}), NOW)
    slow = parse(text).evaluate(RecordFrame([{"a": v} for v in values]), NOW)
    assert fast.tolist() == slow.tolist()
    assert parse("a").evaluate(ArrayFrame({"a": floats}), NOW).tolist() == [ev("a", {"a": v}) for v in values]
