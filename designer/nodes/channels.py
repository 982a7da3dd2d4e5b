"""Channel actions: the messages and hand-offs a journey sends.

Every channel kind turns into a :class:`~designer.nodes.behaviour.Send`; the
runtime renders the templates per contact and enforces consent, frequency
caps and quiet hours at send time. Placeholders use the safe templating in
:mod:`designer.templating` (no code runs).

What a channel needs of a contact lives here and nowhere else: the field that
addresses it (:attr:`ChannelKind.address_field`), the consent rule
(:meth:`ChannelKind.consents`) and which settings are message text
(:attr:`ChannelKind.template_fields`, rendered per contact; :attr:`json_fields`
JSON-escaped). Both engines and the sample data read them through
:func:`designer.nodes.channel_kind`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import Field

from designer.destinations import destination_risk, secret_allowed, secret_names, templated_host
from designer.i18n import N_, Message
from designer.templating import TemplateSyntaxError, render, render_json, render_remembered

from .base import CheckContext, Family, Finding, NodeKind, Settings
from .behaviour import Batch, Send, Step
from .fields import template_field
from .rules import template_findings


class ChannelKind(NodeKind):
    family = Family.ACTION
    is_message = True
    template_fields: ClassVar[tuple[str, ...]] = ()  # settings that are message text (rendered per contact)
    json_fields: ClassVar[tuple[str, ...]] = ()  # ... of which these are JSON (each placeholder JSON-escaped)
    address_field: ClassVar[str | None] = None  # the contact field that reaches someone; None: no address needed
    address_name: ClassVar[str] = ""  # how people call that field ("no email address")
    headline_field: ClassVar[str]  # shown in the card's summary
    sample_consent_rate: ClassVar[float] = 0.0  # sample data: of the contacts it can reach, the share that said yes

    def consents(self, consent: Mapping[str, Any] | None) -> bool:
        """The consent rule: a message to a person needs the contact's recorded yes for this
        channel (nothing recorded is a no); hand-offs to systems and the team need none."""
        return not self.is_message or (consent or {}).get(self.channel) is True

    def unreachable(self, contact: Mapping[str, Any]) -> str | None:
        """Why this channel cannot send to ``contact`` (a contact record), or None."""
        if not self.consents(contact.get("consent")):
            return f"no consent for {self.channel}"
        field = self.address_field
        if self.is_message and field and not str(contact.get(field) or "").strip():
            return f"no {self.address_name or field}"
        return None

    def address(self, contact: Mapping[str, Any]) -> Any:
        """Where a message to ``contact`` goes (its address field's value), or None."""
        return contact.get(self.address_field) if self.address_field else None

    def write_message(self, content: Mapping[str, Any], values: Mapping[str, Any],
                      memo: dict | None = None) -> dict[str, Any]:
        """The node's settings with the message text written for one contact (``values``: its
        template values); raises TemplateRenderError. ``memo``: texts already written for a
        batch (:func:`~designer.templating.render_remembered`)."""
        out = dict(content)
        for name in self.template_fields:
            if isinstance(out.get(name), str):
                write = render_json if name in self.json_fields else render
                out[name] = write(out[name], values) if memo is None else render_remembered(
                    write, out[name], values, memo)
        return out

    def summary_message(self, s: Settings) -> Message:
        text = " ".join(str(getattr(s, self.headline_field)).split())
        return Message("summary.channel", {"kind": Message.word(self.label),
                                           "text": f"{text[:60]}{'...' if len(text) > 60 else ''}"})

    def check(self, s: Settings, context: CheckContext) -> list[Finding]:
        return template_findings(s, *self.template_fields, variables=context.variables)

    def step(self, s: Settings, batch: Batch) -> Step:
        return Step(effect=Send(self.channel, s.model_dump(mode="json"), self.is_message), port="next")


class EmailSettings(Settings):
    subject: str = template_field("Welcome to {{brand}}", N_("Subject line"), max_length=300)
    preheader: str = template_field("", N_("Preview text shown after the subject"), max_length=300)
    body: str = template_field(
        'Hi {{first_name | default("there")}},\n\nThanks for joining {{brand}}.',
        N_("Message body"),
        multiline=True,
    )
    sender_name: str = template_field("{{brand}}", N_("From name"), max_length=120)


class EmailKind(ChannelKind):
    kind = "send.email"
    label = N_("Email")
    description = N_("Send an email.")
    icon = "email"
    channel = "email"
    settings_model = EmailSettings
    template_fields = ("subject", "preheader", "body", "sender_name")
    headline_field = "subject"
    address_field, address_name = "email", "email address"
    sample_consent_rate = 0.88


class SmsSettings(Settings):
    text: str = template_field(
        "{{brand}}: hi {{first_name}}, your welcome gift is waiting. Reply STOP to opt out.",
        N_("Message text"),
        multiline=True,
        max_length=1000,
    )


class SmsKind(ChannelKind):
    kind = "send.sms"
    label = N_("SMS")
    description = N_("Send a text message.")
    icon = "sms"
    channel = "sms"
    settings_model = SmsSettings
    template_fields = ("text",)
    headline_field = "text"
    address_field, address_name = "phone", "phone number"
    sample_consent_rate = 0.6


class PushSettings(Settings):
    title: str = template_field("{{brand}}", N_("Notification title"), max_length=120)
    body: str = template_field("Something new for you, {{first_name}}", N_("Notification text"), max_length=500)
    deep_link: str = Field("", max_length=500, description=N_("Screen to open (app link)"))


class PushKind(ChannelKind):
    kind = "send.push"
    label = N_("Push")
    description = N_("Send a mobile push notification.")
    icon = "push"
    channel = "push"
    settings_model = PushSettings
    template_fields = ("title", "body")
    headline_field = "title"
    address_field = "id"  # the app user is reached by the contact id
    sample_consent_rate = 0.5


class InAppSettings(Settings):
    title: str = template_field("Welcome!", N_("Message title"), max_length=120)
    body: str = template_field("Take a quick tour, {{first_name}}.", N_("Message text"), multiline=True, max_length=2000)
    button_label: str = template_field("Start tour", N_("Button text"), max_length=40)
    button_link: str = Field("", max_length=500, description=N_("Where the button goes"))


class InAppKind(ChannelKind):
    kind = "send.in_app"
    label = N_("In-app")
    description = N_("Show a message inside the app.")
    icon = "in_app"
    channel = "in_app"
    settings_model = InAppSettings
    template_fields = ("title", "body", "button_label")
    headline_field = "title"
    address_field = "id"
    sample_consent_rate = 0.7


class WeChatSettings(Settings):
    template_id: str = Field("", max_length=120, description=N_("Official-account template message id"))
    title: str = template_field("{{brand}} member notice", N_("Title"), max_length=120)
    body: str = template_field("{{first_name}}, your benefits are ready.", N_("Text"), multiline=True, max_length=2000)
    page: str = Field("", max_length=300, description=N_("Mini-program page to open"))


class WeChatKind(ChannelKind):
    kind = "send.wechat"
    label = N_("WeChat")
    description = N_("Send a WeChat official-account or mini-program message.")
    icon = "wechat"
    channel = "wechat"
    settings_model = WeChatSettings
    template_fields = ("title", "body")
    headline_field = "title"
    address_field, address_name = "wechat_id", "WeChat id"
    sample_consent_rate = 0.85


SECRET_HEADERS = {"authorization", "x-api-key", "api-key", "x-auth-token", "cookie"}


class WebhookSettings(Settings):
    method: Literal["POST", "PUT", "PATCH", "GET", "DELETE"] = Field("POST", description=N_("HTTP method"))
    url: str = template_field("https://example.com/hooks/journey", N_("Address to call"), max_length=2000)
    headers: dict[str, str] = Field(default_factory=dict, description=N_("Extra HTTP headers"))
    body: str = template_field(
        '{"contact_id": "{{id}}", "email": "{{email}}"}', N_("JSON body; placeholders are JSON-escaped"), multiline=True
    )
    timeout_seconds: float = Field(10, gt=0, le=120, description=N_("Give up on one attempt after"))
    retries: int = Field(3, ge=0, le=10, description=N_("Retries on timeouts and 5xx answers"))


class WebhookKind(ChannelKind):
    kind = "send.webhook"
    label = N_("Webhook")
    description = N_("Call another system over HTTP with the contact's data.")
    icon = "webhook"
    channel = "webhook"
    is_message = False  # goes to a system, not to the contact
    settings_model = WebhookSettings
    template_fields = ("url", "body")
    headline_field = "url"
    json_fields = ("body",)

    def summary_message(self, s: WebhookSettings) -> str:
        return f"{s.method} {s.url[:60]}"

    def step(self, s: WebhookSettings, batch: Batch) -> Step:
        content = s.model_dump(mode="json")
        content["templated_host"] = templated_host(s.url)  # refused at send time unless the config allows it
        return Step(effect=Send(self.channel, content, self.is_message), port="next")

    def check(self, s: WebhookSettings, context: CheckContext) -> list[Finding]:
        out = super().check(s, context)
        if urlsplit(s.url).scheme not in ("http", "https") or not urlsplit(s.url).netloc:
            out.append(Finding("invalid-settings", Message("finding.url-scheme"), "url"))
        elif (risk := destination_risk(s.url)) is not None:
            out.append(Finding("webhook-destination", Message("finding.check-address", {"risk": risk}), "url",
                               severity="warning"))
        if context.secret_hosts is not None:
            for name in sorted({n for v in s.headers.values() for n in secret_names(v)}):
                rules = context.secret_hosts.get(name, ())
                if templated_host(s.url) or not secret_allowed(rules, s.url):
                    out.append(Finding("secret-not-allowed", Message("finding.secret-not-allowed", {"name": name}),
                                       "headers"))
        if s.body.strip() and not any(f.field == "body" for f in out):
            try:
                json.loads(render_json(s.body, _Anything()))
            except (ValueError, TemplateSyntaxError) as err:
                out.append(Finding("invalid-settings", Message("finding.body-json", {"error": str(err)}), "body"))
        for name, value in s.headers.items():
            if name.lower() in SECRET_HEADERS and "{{" not in value:
                out.append(
                    Finding(
                        "secret-in-file",
                        Message("finding.secret-in-header", {"name": name}),
                        "headers",
                        severity="warning",
                    )
                )
        return out


class _Anything(dict):
    """Stands in for any contact when checking a JSON body template."""

    def __missing__(self, key: str) -> str:
        return "x"

    def get(self, key, default=None):
        return "x"


class SalesTaskSettings(Settings):
    assignee: str = Field("sales team", min_length=1, max_length=120, description=N_("Who gets the task"))
    title: str = template_field("Call {{first_name}} {{last_name}}", N_("Task title"), max_length=200)
    notes: str = template_field("Score {{score}}. Hot lead from the journey.", N_("Notes"), multiline=True)
    due_in_days: int = Field(1, ge=0, le=90, description=N_("Due this many days after creation"))
    priority: Literal["low", "normal", "high"] = Field("normal", description=N_("Priority"))


class SalesTaskKind(ChannelKind):
    kind = "send.sales_task"
    label = N_("Sales task")
    description = N_("Create a follow-up task for a salesperson.")
    icon = "sales_task"
    channel = "sales_task"
    is_message = False  # a task for the team, not a message to the contact
    settings_model = SalesTaskSettings
    template_fields = ("title", "notes")
    headline_field = "title"
