"""docs/lifecycles.md is what `manage.py lifecycles --markdown` prints, and templates never compare states."""

import re
from pathlib import Path

from zit.core.lifecycle_table import lifecycles_markdown

ROOT = Path(__file__).resolve().parents[2]
# `x.status == "..."`, `x.state != '...'`, `x.status in "..."` in a template tag
STATE_COMPARISON = re.compile(r"\.(?:state|status)\s*(?:==|!=|\bin\b|\bnot in\b)\s*['\"(]")


def test_the_lifecycles_page_matches_the_tables_in_the_code():
    page = (ROOT / "docs" / "lifecycles.md").read_text(encoding="utf-8")
    assert page == lifecycles_markdown(), "run: manage.py lifecycles --markdown > docs/lifecycles.md"


def test_no_template_compares_state_strings():
    found = []
    for path in sorted((ROOT / "src" / "zit" / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for tag in re.findall(r"{%.*?%}", line):
                if STATE_COMPARISON.search(tag):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {tag}")
    assert found == []
