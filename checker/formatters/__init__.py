"""Formatters turn findings into text for people and formats for machines; they decide nothing."""

from checker.formatters.jsonout import format_json
from checker.formatters.text import format_text

FORMATTERS = {
    "text": format_text,
    "json": format_json,
}
