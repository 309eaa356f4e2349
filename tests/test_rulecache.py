"""The rule cache holds data, not code: validated rules as JSON, keyed by every rule, schema and code file;
a corrupt, foreign or planted cache file only means the rules are loaded from their files again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker import rules as rules_module
from checker.rulecache import RuleCache
from checker.rules import Rule, builtin_rules_dir


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("OGI_CHECK_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _fresh(monkeypatch):
    monkeypatch.setenv("OGI_CHECK_NO_CACHE", "1")
    loaded = rules_module.load_rules()
    monkeypatch.delenv("OGI_CHECK_NO_CACHE")
    return loaded


def _as_data(rules):
    return [(r.code, r.kind, r.params, r.message, r.messages, r.applies, r.severity) for r in rules]


def test_second_load_comes_from_the_json_cache_and_equals_the_files(cache_dir, monkeypatch):
    first = rules_module.load_rules()
    (entry,) = list(cache_dir.glob("rules-*.json"))
    assert json.loads(entry.read_text(encoding="utf-8"))["rules"][0]["code"] == first[0].code
    assert not list(cache_dir.glob("*.pickle"))
    monkeypatch.setattr(rules_module, "load_rule_file", lambda *a, **k: pytest.fail("read the files again"))
    again = rules_module.load_rules()
    assert _as_data(again) == _as_data(first)
    monkeypatch.undo()
    assert _as_data(again) == _as_data(_fresh(monkeypatch))


@pytest.mark.parametrize("content", [
    b"not json at all",
    b"[]\x00",
    json.dumps([{"code": "P001"}]).encode(),  # fields missing
    b"\x80\x04\x95cos\nsystem\n(S'touch /tmp/ogi-pwned'\ntR.",  # a pickle that would run a command
])
def test_a_bad_cache_file_falls_back_to_the_rule_files(cache_dir, content, monkeypatch):
    rules_module.load_rules()
    (entry,) = list(cache_dir.glob("rules-*.json"))
    entry.write_bytes(content)
    loaded = rules_module.load_rules()
    assert _as_data(loaded) == _as_data(_fresh(monkeypatch))
    assert not Path("/tmp/ogi-pwned").exists()


def test_a_fifo_in_place_of_the_cache_file_does_not_hang(cache_dir, monkeypatch):
    rules_module.load_rules()
    (entry,) = list(cache_dir.glob("rules-*.json"))
    entry.unlink()
    os.mkfifo(entry)
    assert _as_data(rules_module.load_rules()) == _as_data(_fresh(monkeypatch))


def test_values_json_would_change_are_not_cached(tmp_path):
    files = [(p, p.name) for p in sorted(builtin_rules_dir().glob("P/*.yaml"))]
    cache = RuleCache(files, builtin_rules_dir() / "schema", Path(rules_module.__file__).parent, Rule)
    cache.folder = tmp_path
    rule = Rule(code="Z001", name="z", severity="info", kind="pattern", params={1: "a number as a key"},
                summary={"zh": "z"}, message={"zh": "z"}, basis="test", examples={}, path="z")
    cache.save([rule])
    assert list(tmp_path.iterdir()) == []


def test_a_cached_user_rule_still_runs_its_patterns_under_a_time_limit(cache_dir, tmp_path, monkeypatch):
    """Whether a rule is the user's is data the cache keeps: a user's pattern rule loaded from the cache
    still runs with the regex package's timeout, the built-in ones with re."""
    import yaml

    folder = tmp_path / "house" / "Z"
    folder.mkdir(parents=True)
    (folder / "Z001.yaml").write_text(yaml.safe_dump({
        "code": "Z001", "name": "house-rule", "severity": "warning", "kind": "pattern",
        "params": {"patterns": ["领导高度重视"]}, "summary": {"zh": "空话。", "en": "Stock phrase."},
        "message": {"zh": "“{match}”是空话。", "en": '"{match}".'}, "basis": "本单位公文写作规范第三条",
        "examples": {"pass": ["本局制定了方案。"], "fail": ["领导高度重视。"]},
    }, allow_unicode=True), encoding="utf-8")
    rules_module.load_rules([str(tmp_path / "house")])
    monkeypatch.setattr(rules_module, "load_rule_file", lambda *a, **k: pytest.fail("read the files again"))
    cached = {r.code: r for r in rules_module.load_rules([str(tmp_path / "house")])}
    assert cached["Z001"].builtin is False and cached["Z001"].kind_instance().timed is True
    assert cached["A002"].builtin is True and cached["A002"].kind_instance().timed is False


def _house_rule(folder: Path, message: str) -> Path:
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Z001.yaml"
    path.write_text(yaml.safe_dump({
        "code": "Z001", "name": "house-rule", "severity": "warning", "kind": "pattern",
        "params": {"patterns": ["领导高度重视"]}, "summary": {"zh": "空话。", "en": "Stock phrase."},
        "message": {"zh": message, "en": '"{match}".'}, "basis": "本单位公文写作规范第三条",
        "examples": {"pass": ["本局制定了方案。"], "fail": ["领导高度重视。"]},
    }, allow_unicode=True), encoding="utf-8")
    return path


def test_a_rule_file_rewritten_with_its_old_size_and_time_is_read_again(cache_dir, tmp_path):
    """The stamp holds the change time, which no copy tool can set back: an edit of the same length whose
    modification time was restored (cp -p, an unpacked archive) is still seen."""
    path = _house_rule(tmp_path / "house" / "Z", "“{match}”是空话甲。")
    before = os.stat(path)
    first = {r.code: r for r in rules_module.load_rules([str(tmp_path / "house")])}
    _house_rule(tmp_path / "house" / "Z", "“{match}”是空话乙。")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    again = {r.code: r for r in rules_module.load_rules([str(tmp_path / "house")])}
    assert first["Z001"].message["zh"].endswith("甲。") and again["Z001"].message["zh"].endswith("乙。")


def test_a_cache_file_made_from_other_files_is_not_used(cache_dir, monkeypatch):
    """The file name is a short checksum of the stamp; the stamp itself is kept inside and compared, so a
    file under the right name made from other rule files (a collision, a planted file) is not used."""
    rules_module.load_rules()
    (entry,) = list(cache_dir.glob("rules-*.json"))
    kept = json.loads(entry.read_text(encoding="utf-8"))
    kept["rules"][0]["message"] = {"zh": "被替换的消息", "en": "planted"}
    kept["made_from"] = kept["made_from"] + "\nsomething else"
    entry.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    read_again = []
    real = rules_module.load_rule_file
    monkeypatch.setattr(rules_module, "load_rule_file", lambda *a, **k: read_again.append(1) or real(*a, **k))
    loaded = rules_module.load_rules()
    assert read_again and loaded[0].message["zh"] != "被替换的消息"


def test_a_stamp_has_the_same_file_name_in_every_process():
    # Hashes of strings change with each process's seed; the name is made from integers, which do not.
    import subprocess
    import sys

    program = "from checker.rulecache import _name; print(_name('规则 rules/A/A001.yaml 1234 5678' * 40))"
    names = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "random")}
    assert len(names) == 1 and len(names.pop().strip()) == 24


def test_different_stamps_have_different_file_names():
    from checker.rulecache import _name

    stamps = [f"checker/rules/{i}.yaml {i * 7}" for i in range(2000)] + ["", "a", "a\0"]
    assert len({_name(s) for s in stamps}) == len(stamps)


# -- results worked out from the rules (memo.kept_between_runs), kept beside the rules

import subprocess  # noqa: E402
import sys  # noqa: E402

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


def _check(cache: Path, *reports: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "OGI_CHECK_NO_CACHE"}
    environment.update(OGI_CHECK_CACHE_DIR=str(cache), **env)
    return subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *map(str, reports)],
                          capture_output=True, text=True, env=environment)


def test_results_worked_out_in_a_run_are_kept_for_the_next_and_written_once(tmp_path):
    reports = [REPORTS / "clean_2021_department.txt", REPORTS / "defective_2021_department.txt",
               REPORTS / "defective_2019_department.txt"]
    cache = tmp_path / "cache"
    first = _check(cache, *reports)
    (results,) = cache.glob("results-*.json")
    kept = json.loads(results.read_text(encoding="utf-8"))
    assert kept["results"]["checker.lazy.required_literals"]  # what the rules' patterns need, worked out
    written = results.stat().st_mtime_ns
    second = _check(cache, *reports)
    assert results.stat().st_mtime_ns == written  # nothing new to keep: not written again
    uncached = _check(cache, *reports, OGI_CHECK_NO_CACHE="1")
    assert first.stdout == second.stdout == uncached.stdout and first.returncode == second.returncode == 1
    assert json.loads(second.stdout)  # findings there are, the same with and without the kept results


@pytest.mark.parametrize("planted", [
    "not json",
    json.dumps({"made_from": "another build", "results": {"checker.lazy.required_literals": {}}}),
    "wrong types",  # the right stamp, every result of a type its function cannot make
])
def test_a_bad_results_file_changes_no_finding_and_is_replaced(tmp_path, planted):
    reports = [REPORTS / "defective_2021_department.txt"]
    cache = tmp_path / "cache"
    expected = _check(cache, *reports)
    (results,) = cache.glob("results-*.json")
    if planted == "wrong types":
        kept = json.loads(results.read_text(encoding="utf-8"))
        for table in kept["results"].values():
            for key in table:
                table[key] = {"planted": 1}
        planted = json.dumps(kept, ensure_ascii=False)
    results.write_text(planted, encoding="utf-8")
    again = _check(cache, *reports)
    assert again.stdout == expected.stdout and again.returncode == expected.returncode
    assert json.loads(results.read_text(encoding="utf-8"))["results"]  # worked out again, and kept


def test_kept_results_are_served_without_working_them_out(cache_dir, monkeypatch):
    from checker import lazy, memo, rulecache

    monkeypatch.setattr(rulecache, "_RESULTS_FILE", [])
    monkeypatch.setattr(memo, "_KEPT", {name: {} for name in memo._KEPT})
    monkeypatch.setattr(memo, "_ADDED", [False])
    pattern = "予以公开(?:的)?申请(?:共)?[0-9]+件"
    assert lazy.required_literals(pattern) == ("予以公开",)
    rules_module.load_rules()  # made the cache: the rules' results file is chosen
    rulecache.keep_results()
    monkeypatch.setattr(rulecache, "_RESULTS_FILE", [])
    monkeypatch.setattr(memo, "_KEPT", {name: {} for name in memo._KEPT})
    rules_module.load_rules()  # read the results file again
    monkeypatch.setattr(lazy, "_alternatives", lambda *a: pytest.fail("worked out again"))
    assert lazy.required_literals(pattern) == ("予以公开",)
