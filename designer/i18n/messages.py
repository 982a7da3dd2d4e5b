"""The English text of every core message, by code (the source catalogue).

Codes are stable: they are stored (a run's wait reasons) and printed by ``--json``.
Texts use ``{name}`` placeholders; a pair from ``NP_`` has a singular and a plural
form chosen by the ``count`` parameter. Translations live in the ``.po`` files
(scripts/translations.sh extracts this table with pybabel).
"""

from __future__ import annotations

from . import N_, NP_

MESSAGES: dict[str, str | tuple[str, str]] = {
    # --- durations and lists ---------------------------------------------
    "duration.minutes": NP_("{count} minute", "{count} minutes"),
    "duration.hours": NP_("{count} hour", "{count} hours"),
    "duration.days": NP_("{count} day", "{count} days"),
    "duration.weeks": NP_("{count} week", "{count} weeks"),
    # --- card summaries ----------------------------------------------------
    "summary.channel": N_("{kind}: {text}"),
    "summary.when-event": N_("When {event}"),
    "summary.when-event-where": N_("When {event} where {filter}"),
    "summary.segment": N_("Segment: {condition}"),
    "summary.once-at": N_("Once at {at}"),
    "summary.once-unset": N_("Once (date not set)"),
    "summary.daily": N_("Daily at {time}"),
    "summary.weekly": N_("Weekly {days} {time}"),
    "summary.weekly-no-day": N_("Weekly no day {time}"),
    "summary.monthly": N_("Monthly on day {day} at {time}"),
    "summary.on-date": N_("on {attribute}"),
    "summary.on-date-yearly": N_("on {attribute} every year"),
    "summary.days-before": NP_("{count} day before {attribute}", "{count} days before {attribute}"),
    "summary.days-before-yearly": NP_("{count} day before {attribute} every year",
                                      "{count} days before {attribute} every year"),
    "summary.days-after": NP_("{count} day after {attribute}", "{count} days after {attribute}"),
    "summary.days-after-yearly": NP_("{count} day after {attribute} every year",
                                     "{count} days after {attribute} every year"),
    "summary.list": N_("List: {list}"),
    "summary.wait": N_("Wait {duration}"),
    "summary.until-date": N_("Until {at}"),
    "summary.until-unset": N_("Until (date not set)"),
    "summary.until-days": N_("Until {days} {start}-{end}"),
    "summary.until-window": N_("Until {start}-{end}"),
    "summary.wait-event": N_("Wait for {event}, up to {duration}"),
    "summary.wait-event-forever": N_("Wait for {event} (no timeout)"),
    "summary.tag-add": N_("Add tag: {tag}"),
    "summary.tag-remove": N_("Remove tag: {tag}"),
    "summary.score": N_("Score {delta}"),
    "summary.set-attribute": N_("Set {attribute} = {value}"),
    "summary.goal": N_("Goal: {label}"),
    "summary.exit": N_("Exit: {reason}"),
    "summary.stage": N_("Enters stage: {stage}"),
    "summary.if": N_("If {condition}"),
    "summary.split-by": N_("Split by {attribute} ({count} + other)"),
    "summary.random": N_("Random {weights}"),
    "summary.experiment": NP_("{name}: {count} variant", "{name}: {count} variants"),
    "summary.experiment-holdout": NP_("{name}: {count} variant, holdout {holdout}%",
                                      "{name}: {count} variants, holdout {holdout}%"),
    "port.holdout": N_("Holdout ({percent}%)"),
    # --- rules of single steps (the validator adds the step's name) ---------
    "finding.url-scheme": N_("the address must start with http:// or https://"),
    "finding.check-address": N_("check the address: {risk}"),
    "finding.secret-not-allowed": N_("secret {name} may not go to this address "
                                     "(see [secret_hosts] in the connector config)"),
    "finding.body-json": N_("the body is not valid JSON: {error}"),
    "finding.secret-in-header": N_("header '{name}' holds a literal secret that would be shared with the file; "
                                   "use {{{{secret.NAME}}}} and keep the value in the local connector config"),
    "finding.once-needs-date": N_("a one-off schedule needs a date and time"),
    "finding.weekly-needs-day": N_("a weekly schedule needs at least one day"),
    "finding.until-needs-date": N_("waiting until a date needs the date"),
    "finding.until-needs-day": N_("waiting until a weekday needs at least one day"),
    "finding.wait-forever": N_("contacts for whom '{event}' never happens would wait forever: set a timeout"),
    "finding.not-a-stage": N_("'{stage}' is not a stage of this blueprint ({known})"),
    "finding.other-reserved": N_("'other' is kept for contacts matching no case"),
    "finding.holdout-reserved": N_("'holdout' is kept for the holdout group"),
    "finding.weights-branch": N_("the branch weights add up to {total}%, not 100%"),
    "finding.weights-variant": N_("the variant weights add up to {total}%, not 100%"),
    "finding.condition-error": N_("the condition in '{field}' has an error: {error}"),
    "finding.placeholder-error": N_("the text in '{field}' has a placeholder error: {error}"),
    "finding.secret-outside-headers": N_("'{field}' uses secret {name}: secrets go only in a "
                                         "webhook's headers (here it would be sent as empty text)"),
    "finding.too-large": N_("'{field}': {reason} (every send would be suppressed)"),
    "finding.duplicate-cases": N_("two cases share the id '{id}'"),
    "finding.duplicate-branches": N_("two branches share the id '{id}'"),
    "finding.duplicate-variants": N_("two variants share the id '{id}'"),
    # --- the validator -------------------------------------------------------
    "problem.no-entry": N_("'{workflow}' has no trigger, so no contact can enter it: add one from Triggers"),
    "problem.duplicate-id": N_("two steps share the id '{id}'; give one a new id"),
    "problem.unknown-kind": N_("'{id}' is a '{kind}' step, which this version does not know"),
    "problem.step": N_("'{step}': {detail}"),
    "problem.channel-not-enabled": N_("'{step}' sends by {channel}, which this blueprint does not list among its "
                                      "channels"),
    "problem.setting": N_("'{step}': {field}: {detail}"),
    "problem.stage-field": N_("'{workflow}': {field}: '{value}' is not a stage of this blueprint"),
    "problem.goal-condition": N_("'{workflow}': the goal condition has an error: {error}"),
    "problem.exit-condition": N_("'{workflow}': the exit criteria condition has an error: {error}"),
    "problem.wire": N_("wire {source} -> {target}: {reason}"),
    "problem.unreachable": N_("'{step}' cannot be reached from any trigger; connect it or delete it"),
    "problem.cycle": N_("these steps lead round in a loop: {names}"),
    "problem.dangling-output": N_("output '{port}' of '{step}' leads nowhere: contacts leaving by it end "
                                  "the journey there. Connect it, or add an Exit to make that explicit"),
    "problem.no-goal": N_("'{workflow}' has no goal, so its conversion cannot be measured"),
    "problem.over-messaging-workflow": N_("a contact can get {count} messages within {period} ({steps}); "
                                          "the workflow's frequency cap allows {cap}. Add waits or remove a message"),
    "problem.over-messaging-programme": N_("a contact can get {count} messages within {period} ({steps}); "
                                           "the programme-wide frequency cap allows {cap}. Add waits or remove a "
                                           "message"),
    "problem.title-list-more": N_("{names} and {count} more"),
    # settings errors found by the settings model (pydantic error types)
    "setting.missing": N_("Field required"),
    "setting.extra_forbidden": N_("Extra inputs are not permitted"),
    "setting.greater_than": N_("Input should be greater than {gt}"),
    "setting.greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "setting.less_than": N_("Input should be less than {lt}"),
    "setting.less_than_equal": N_("Input should be less than or equal to {le}"),
    "setting.string_too_short": N_("String should have at least {min_length} characters"),
    "setting.string_too_long": N_("String should have at most {max_length} characters"),
    "setting.too_short": N_("List should have at least {min_length} items after validation, not {actual_length}"),
    "setting.too_long": N_("List should have at most {max_length} items after validation, not {actual_length}"),
    "setting.string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "setting.literal_error": N_("Input should be {expected}"),
    "setting.int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "setting.float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    # --- wires the canvas refuses (the validator reports the same) ---------------
    "refusal.no-step": N_("there is no step '{id}'"),
    "refusal.no-output": N_("'{step}' has no output '{port}'"),
    "refusal.into-trigger": N_("'{step}' is a trigger: journeys start there, nothing leads into it"),
    "refusal.self-loop": N_("a step cannot lead to itself"),
    "refusal.port-in-use": N_("output '{port}' of '{step}' is already connected; remove that wire first"),
    # --- the command line -------------------------------------------------------
    "cli.no-problems": N_("{file}: no problems in {count} workflow(s)"),
    "cli.problem-counts": N_("{file}: {errors}, {warnings}"),
    "cli.errors": NP_("{count} error", "{count} errors"),
    "cli.warnings": NP_("{count} warning", "{count} warnings"),
    "cli.more-steps": N_(", and {count} more"),
    # --- runs: why a contact waits, where it is now (stored as code and parameters) ----------
    "reason.quiet-hours": N_("quiet hours"),
    "reason.times-up": N_("time's up"),
    "reason.wait": N_("wait"),
    "reason.event": N_("event {event}"),
    "reason.step": N_("{step}"),
    "reason.step-waiting-for": N_("{step}: waiting for {event}"),
    "reason.until": N_("{reason}, until {until}"),
    "reason.or-sooner": N_("{reason}, or sooner if it happens"),
    "now.converted": N_("converted: {reason}"),
    "now.exited": N_("exited: {reason}"),
    "now.waiting-for": N_("waiting for {event}"),
    "now.waiting": N_("waiting"),
    "now.due": N_("due now"),
    "now.waiting-until": N_("waiting until {at} ({reason})"),
}
