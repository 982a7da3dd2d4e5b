import json
import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.templating import (
    FILTERS,
    MAX_OUTPUT_LENGTH,
    Template,
    TemplateRenderError,
    TemplateSyntaxError,
    check_template,
    parse_template,
    render,
    render_json,
)

VALUES = {"first_name": "ada", "last_name": " LOVELACE ", "props": {"city": "paris", "address": {"zip": "75001"}},
          "score": 42.0, "ratio": 0.5, "count": 3, "vip": True, "tags": ["a", "b"], "blank": "  ", "empty": ""}


def syntax_error(text):
    with pytest.raises(TemplateSyntaxError) as info:
        parse_template(text)
    return info.value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello {{ first_name }}!", "Hello ada!"),
        ("Hello {{first_name}}!", "Hello ada!"),
        ("{{ props.city }} {{ props.address.zip }}", "paris 75001"),
        ("{{ first_name | upper }}", "ADA"),
        ("{{ last_name | lower }}", " lovelace "),
        ("{{ last_name | trim }}", "LOVELACE"),
        ("{{ last_name | trim | title }}", "Lovelace"),
        ("{{ props.city|title }}", "Paris"),
        ("{{ first_name | default('friend') }}", "ada"),
        ("{{ nobody | default(\"friend\") }}", "friend"),
        ("{{ empty | default('friend') }}", "friend"),
        ("{{ blank | default('friend') }}", "friend"),
        ("{{ nobody | upper | default('x') }}", "x"),  # text filters keep a missing value missing
        ("{{ nobody | default('x') | upper }}", "X"),
        ("{{ nobody | default(0) }}", "0"),
        ("{{ nobody | default(-1.5) }}", "-1.5"),
        ("{{ nobody | default('say \\\"hi\\\"\\n') }}", 'say "hi"\n'),
        ("[{{ nobody }}]", "[]"),
        ("[{{ props.nowhere.deeper }}]", "[]"),
        ("{{ score }} {{ ratio }} {{ count }} {{ vip }} {{ tags }}", "42 0.5 3 true a, b"),
        ("{{ score | upper }}", "42"),
        ("{{ props }}", '{"city": "paris", "address": {"zip": "75001"}}'),
    ],
)
def test_render(text, expected):
    assert render(text, VALUES) == expected


@pytest.mark.parametrize(
    "text",
    ["a { b } c", "}} alone", "{ {x} }", "{% if x %}{# c #}", "{}", "{", "}", "a}}b{", "{ { not a placeholder } }"],
)
def test_braces_that_are_plain_text(text):
    assert render(text, VALUES) == text
    assert parse_template(text).names() == frozenset()


def test_text_around_placeholders_is_verbatim():
    assert render("{x} {{ first_name }} }}{", VALUES) == "{x} ada }}{"
    assert render('{"a": {"b": {{ count }}}}', VALUES) == '{"a": {"b": 3}}'


def test_missing_and_nan_values_render_empty():
    assert render("<{{ a }}>", {"a": None}) == "<>"
    assert render("<{{ a }}>", {"a": math.nan}) == "<>"
    assert render("<{{ a | default('d') }}>", {"a": math.nan}) == "<d>"
    assert render("<{{ a }}>", {}) == "<>"
    assert render("<{{ a.b }}>", {"a": "not a dict"}) == "<>"
    assert render("<{{ a }}>", {"a": 0}) == "<0>"
    assert render("<{{ a | default('d') }}>", {"a": 0}) == "<0>"  # 0 and false are values, not blanks
    assert render("<{{ a | default('d') }}>", {"a": False}) == "<false>"
    assert render("<{{ a | default('d') }}>", {"a": []}) == "<d>"
    assert render("<{{ a | default('d') }}>", {"a": ["", " "]}) == "<,  >"  # not blank once joined


def test_pathological_values_do_not_raise():
    deep = {}
    node = deep
    for _ in range(5000):
        node["k"] = node = {}
    assert render("<{{ d }}>", {"d": deep}) == "<>"
    assert render("<{{ n }}>", {"n": 10**5000}) == "<>"  # beyond Python's int-to-str limit


def test_numpy_scalars_render_like_python_values():
    np = pytest.importorskip("numpy")
    values = {"b": np.bool_(True), "f": np.float64(42.0), "i": np.int64(7), "n": np.float64("nan")}
    assert render("{{ b }} {{ f }} {{ i }} [{{ n }}]", values) == "true 42 7 []"


@pytest.mark.parametrize(
    "text",
    ["{{ first_name.__class__ }}", "{{ __class__ }}", "{{ first_name.upper }}", "{{ props.__dict__ }}",
     "{{ __builtins__ }}", "{{ props.keys }}", "{{ props.city.__len__ }}"],
)
def test_attribute_tricks_render_nothing(text):
    assert render(text, VALUES) == ""


def test_names_and_lookup_receives_full_dotted_name():
    tpl = parse_template("{{ first_name }} {{ props.city | upper }} {{ props.address.zip }} {{ x | default('y') }}")
    assert tpl.names() == {"first_name", "props", "x"}
    seen = []

    def lookup(name):
        seen.append(name)
        return name.upper()

    assert tpl.render(lookup) == "FIRST_NAME PROPS.CITY PROPS.ADDRESS.ZIP X"
    assert seen == ["first_name", "props.city", "props.address.zip", "x"]


def test_filters_tuple():
    assert FILTERS == ("default", "upper", "lower", "title", "trim")


@pytest.mark.parametrize(
    "text, position, fragment",
    [
        ("Hello {{ first_name", 6, "unclosed '{{'"),
        ("Hello {{ first_name }", 6, "unclosed '{{'"),
        ("{{ a }} and {{ b", 12, "unclosed '{{'"),
        ("{{ a | default('}}') ", 0, "unclosed '{{'"),
        ("x {{ a | shout }}", 9, "unknown filter 'shout'"),
        ("{{ a | UPPER }}", 7, "unknown filter 'UPPER'"),
        ("{{ a | }}", 7, "expected a filter name"),
        ("{{ }}", 3, "expected a name"),
        ("{{ 1abc }}", 3, "expected a name"),
        ("{{ a. }}", 5, "expected a name after '.'"),
        ("{{ a.1 }}", 5, "expected a name after '.'"),
        ("{{{ a }}}", 2, "expected a name"),
        ("{{ a b }}", 5, "expected '}}' or '|'"),
        ("{{ a() }}", 4, "expected '}}' or '|'"),
        ("{{ a.__class__() }}", 14, "expected '}}' or '|'"),
        ("{{ a | default }}", 7, "needs an argument"),
        ("{{ a | default() }}", 15, "expected a quoted string or a number"),
        ("{{ a | default(b) }}", 15, "expected a quoted string or a number"),
        ("{{ a | default('x' }}", 19, "expected ')'"),
        ("{{ a | upper('x') }}", 7, "takes no argument"),
        ("{{ a | default('\\q') }}", 16, "unknown escape"),
    ],
)
def test_syntax_errors_name_the_position(text, position, fragment):
    err = syntax_error(text)
    assert err.position == position, err
    assert fragment in err.message
    assert str(err) == f"{err.message} at position {position}"
    assert check_template(text).position == position


def test_error_type_and_pickling():
    err = syntax_error("Hi {{ name")
    assert isinstance(err, ValueError) and str(err) == "unclosed '{{' at position 3"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.position) == (err.message, err.position)


def test_non_string_template_is_a_syntax_error():
    for bad in (None, 3, ["{{ a }}"]):
        with pytest.raises(TemplateSyntaxError):
            parse_template(bad)


def test_parse_is_cached_and_template_is_immutable_value():
    assert parse_template("Hi {{ a }}") is parse_template("Hi {{ a }}")
    assert Template("Hi {{ a }}") == parse_template("Hi {{ a }}")
    with pytest.raises(TemplateSyntaxError):
        Template("Hi {{ a")
    with pytest.raises(AttributeError):
        parse_template("x").text = "y"
    assert check_template("Hi {{ a | default('x') | upper }}") is None


def test_limits():
    err = syntax_error("x" * 100_001)
    assert err.position == 100_000 and "too long" in err.message
    assert render("x" * 100_000, {}) == "x" * 100_000
    with pytest.raises(TemplateRenderError):
        render("{{ a }}{{ a }}", {"a": "y" * (MAX_OUTPUT_LENGTH // 2 + 1)})
    assert len(render("{{ a }}", {"a": "y" * MAX_OUTPUT_LENGTH})) == MAX_OUTPUT_LENGTH
    assert isinstance(TemplateRenderError("x"), ValueError)


# ------------------------------------------------------------------ render_json

WEBHOOK = '{"name": "{{ first_name }}", "city": "{{ props.city | default(\'unknown\') }}", "role": "user"}'


def test_render_json_blocks_injection():
    hostile = 'a", "admin": true, "x": "'
    body = render_json(WEBHOOK, {"first_name": hostile, "props": {}})
    data = json.loads(body)
    assert list(data) == ["name", "city", "role"]
    assert data == {"name": hostile, "city": "unknown", "role": "user"}
    # plain render() would have been injectable -- which is why render_json exists
    assert "admin" in json.loads(render(WEBHOOK, {"first_name": hostile, "props": {}}))


@pytest.mark.parametrize(
    "name", ["back\\slash", "new\nline", "tab\t", "quote\"", "\x00\x1f", "é ü 中文 \u2028", "\\\"}}{{", "\ud800"]
)
def test_render_json_escapes_awkward_values(name):
    data = json.loads(render_json(WEBHOOK, {"first_name": name, "props": {"city": name}}))
    assert data == {"name": name, "city": name, "role": "user"}


def test_render_json_non_string_values():
    body = render_json('{"n": "{{ n }}", "t": "{{ t }}", "d": "{{ d }}"}', {"n": 3, "t": True, "d": {"k": 'v"'}})
    assert json.loads(body) == {"n": "3", "t": "true", "d": '{"k": "v\\""}'}


# ------------------------------------------------------------------ fuzzing

TEMPLATE_CHARS = "{}|()'\"\\. _-0123456789abcdefghlnoprstuwx\n"
PIECES = ["{{", "}}", "{", "}", "|", " ", "name", "props.city", "default", "upper", "title", "trim", "lower",
          "(", ")", "'x'", '"y"', "1", "-", ".", "\\", "'", "text"]


def assert_parses_or_syntax_error(text):
    try:
        tpl = parse_template(text)
    except TemplateSyntaxError as err:
        assert 0 <= err.position <= len(text)
        return
    out = tpl.render(lambda name: {"name": 'x"y', "props.city": None}.get(name))
    assert isinstance(out, str)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_random_text(text):
    assert_parses_or_syntax_error(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=TEMPLATE_CHARS, max_size=150))
def test_fuzz_template_characters(text):
    assert_parses_or_syntax_error(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_fuzz_piece_soup(pieces):
    assert_parses_or_syntax_error("".join(pieces))


JSON_VALUES = st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.booleans(),
                        st.lists(st.text(max_size=5), max_size=3))


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, JSON_VALUES)
def test_fuzz_render_json_always_valid_with_fixed_keys(name, city):
    data = json.loads(render_json(WEBHOOK, {"first_name": name, "props": {"city": city}}))
    assert list(data) == ["name", "city", "role"] and data["role"] == "user"
    if isinstance(name, str):
        assert data["name"] == name


def test_render_remembered_gives_what_render_gives_for_each_contact():
    from designer.templating import render, render_json, render_remembered

    memo: dict = {}
    texts = ["Hi {{first_name | default(\"there\")}} from {{brand}}", "{{n}} items", '{"v": "{{n}}"}', "{{a.b}}"]
    people = [{"first_name": "Ann", "brand": "Acme", "n": 1, "a": {"b": "x"}},
              {"first_name": None, "brand": "Acme", "n": True, "a": {"b": "y"}},
              {"brand": "Acme", "n": 1.0, "a": {"b": "z"}}, {"first_name": "Ann", "brand": "Acme", "n": 1}]
    for values in people:
        for text in texts:
            for write in (render, render_json):
                assert render_remembered(write, text, values, memo) == write(text, values)
    assert len(memo) < len(people) * len(texts) * 2  # the same values were rendered once
