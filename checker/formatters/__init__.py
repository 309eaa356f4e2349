"""Formatters turn findings into text for people and formats for machines; they decide nothing.

Every formatter is called as ``fmt(findings, files_checked=..., lang=..., rules=..., documents=...,
applicable=..., **options)`` and ignores what it does not need.
"""

from checker.lazy import LazyRegistry

# Format name → (module, function). A run imports the one formatter it prints with: the others (the HTML
# page, JUnit's XML, SARIF) would only slow down its start.
FORMATTERS = LazyRegistry({
    "text": ("checker.formatters.text", "format_text"),
    "json": ("checker.formatters.jsonout", "format_json"),
    "sarif": ("checker.formatters.sarif", "format_sarif"),
    "github": ("checker.formatters.github", "format_github"),
    "junit": ("checker.formatters.junit", "format_junit"),
    "html": ("checker.formatters.htmlpage", "format_html"),
})
