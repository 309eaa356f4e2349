"""Rule documentation as text: ``ogi-check explain CODE`` and the generated docs/rules.md."""

from __future__ import annotations

from checker.rules import Rule
from checker.formats import ERA_NAMES, ERAS

_SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
             "en": {"error": "error", "warning": "warning", "info": "info"}}
_KINDS = {"government": "人民政府", "department": "政府部门"}


def _pick(text: dict | None, lang: str) -> str:
    if not text:
        return ""
    return (text.get(lang) or text["zh"]).strip()


def example_text(example, lang: str = "zh") -> str:
    """The example as a reader should see it: its text, and last year's report where it has one
    (T030–T032 compare two reports)."""
    if isinstance(example, str):
        return example
    text = example["text"]
    if example.get("previous"):
        head = "上年报告：" if lang == "zh" else "Previous year's report:"
        this = "本年报告：" if lang == "zh" else "This year's report:"
        text = f"{head}\n{example['previous'].rstrip()}\n{this}\n{text}"
    return text


def applies_text(rule: Rule, lang: str) -> str:
    a = rule.applies
    eras = a.get("eras", list(ERAS))
    parts = ["、".join(ERA_NAMES[e] for e in eras) if lang == "zh" else ", ".join(f"{e} era" for e in eras)]
    if "agency_kinds" in a:
        parts.append("、".join(_KINDS[k] for k in a["agency_kinds"]) if lang == "zh" else ", ".join(a["agency_kinds"]))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def explain_rule(rule: Rule, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [
        f"{rule.code} {rule.name} [{_SEVERITY[lang][rule.severity]}]",
        "",
        ("规则：" if zh else "What it checks: ") + _pick(rule.summary, lang),
    ]
    if rule.rationale:
        lines += ["", ("理由：" if zh else "Why: ") + _pick(rule.rationale, lang)]
    lines += [
        "",
        ("法律依据：" if zh else "Legal basis: ") + rule.basis,
        ("适用范围：" if zh else "Applies to: ") + applies_text(rule, lang),
        ("提示信息：" if zh else "Message: ") + _pick(rule.message, lang),
    ]
    for outcome, title in (("fail", "不符合的写法" if zh else "Fails"), ("pass", "符合的写法" if zh else "Passes")):
        lines += ["", f"{title}:"]
        for example in rule.examples[outcome]:
            lines += ["  " + line for line in example_text(example, lang).rstrip("\n").split("\n")]
            lines.append("  ---")
        lines.pop()
    return "\n".join(lines) + "\n"
