"""The wheel ships the YAML rules and their schemas inside the package (checker/rules)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_every_rule_and_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("ogi_check-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"checker/rules/{p.relative_to(ROOT / 'rules').as_posix()}"
                for p in (ROOT / "rules").rglob("*") if p.is_file() and p.suffix in (".yaml", ".json")}
    assert expected and expected <= names
    assert "checker/cli.py" in names and "checker/formats/tables.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ogi-check = checker.console:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
