"""Formatters turn findings into text for people and formats for machines; they decide nothing.

Every formatter is called as ``fmt(findings, files_checked=..., lang=..., rules=..., documents=...,
applicable=..., **options)`` and ignores what it does not need.
"""

from checker.formatters.github import format_github
from checker.formatters.htmlpage import format_html
from checker.formatters.jsonout import format_json
from checker.formatters.junit import format_junit
from checker.formatters.sarif import format_sarif
from checker.formatters.text import format_text

FORMATTERS = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
    "html": format_html,
}
