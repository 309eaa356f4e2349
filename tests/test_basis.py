"""Every rule's legal basis cites what it names correctly: each document it cites by number (an article
of the 条例, a 国办 letter, a national or local standard) stands in ../shared/domain.md, the project's
record of the sources; and a local standard is never the sole basis of a rule for every agency."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.rules import load_rules

DOMAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "domain.md"
RULES = load_rules()
# Numbered documents: 国办公开办函〔2021〕30号, 粤办函〔2010〕249号, GB/T 9704—2012, DB51/T 2660—2019.
_CITED = re.compile(r"(?:国办公开办函|国办函|国办发|国发|[\u4e00-\u9fff]{1,3}(?:府办|办函|办发|政办发|政办函))〔\d{4}〕\d+号"
                    r"|GB/T\s*\d+|DB\d+/T\s*\d+")
# Standards the domain record does not list but that are what they say: punctuation (GB/T 15834) and
# e-mail addresses (RFC 5322) are general standards, not sources about annual reports.
_GENERAL = {"GB/T 15834"}
_LOCAL = re.compile(r"DB\d+/T|[琼川粤浙苏鲁豫湘鄂赣皖闽桂滇黔陕甘宁青蒙新藏辽吉黑冀晋津沪渝京]府办|粤办函")


def _cited(basis: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in _CITED.finditer(basis)]


@pytest.mark.skipif(not DOMAIN.exists(), reason="../shared/domain.md is not beside this checkout")
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_cited_documents_are_in_the_domain_record(rule):
    domain = " ".join(DOMAIN.read_text(encoding="utf-8").split())
    missing = [c for c in _cited(rule.basis) if c not in _GENERAL and c.replace(" ", "") not in domain.replace(" ", "")]
    assert missing == [], f"{rule.code} cites {missing}, which ../shared/domain.md does not record"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_local_rule_is_cited_as_local(rule):
    """A rule checks every agency: its basis rests on a national source, and a local standard or a
    province's letter stands beside it only as what it is (地方 / 本地), never as every agency's basis."""
    assert any(w in rule.basis for w in ("条例", "国办", "GB/T", "ogi-check", "惯例")), f"{rule.code}: {rule.basis}"
    if any(_LOCAL.match(c) for c in _cited(rule.basis)):
        assert "地方" in rule.basis or "本地" in rule.basis, f"{rule.code} cites a local rule as if national: {rule.basis}"


def test_the_local_check_fails_on_a_bare_local_citation():
    bare = "《中华人民共和国政府信息公开条例》第四十九条；DB51/T 2660—2019 第2.1条"
    assert any(_LOCAL.match(c) for c in _cited(bare)) and not ("地方" in bare or "本地" in bare)


def test_the_citation_pattern_sees_the_forms():
    assert _cited("国办公开办函〔2021〕30号；粤办函〔2010〕249号；GB/T 9704—2012；DB51/T 2660—2019") == [
        "国办公开办函〔2021〕30号", "粤办函〔2010〕249号", "GB/T 9704", "DB51/T 2660"]
