"""The repository stands on its own: nothing reaches outside the checkout.

A public clone has none of the team's notes and vendor summaries that sit in a folder beside the
project on our machines, so no module, test, script, simulator or benchmark may read from there;
vendor specs are vendored in ``vendor_specs/`` instead.
"""

from __future__ import annotations

from pathlib import Path
import re

ROOT = Path(__file__).parents[1]
FOLDERS = ("custom_components", "simulator", "tests", "scripts", "bench", ".ci")
OUTSIDE = re.compile(r"\.\./shared|[\"']shared[\"']|parents\[\d+\]\s*/\s*[\"']shared")


def test_nothing_reads_the_shared_folder_beside_the_checkout() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file()
        and path.suffix in {"", ".py", ".sh", ".yaml", ".toml"}
        and path != Path(__file__)
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not offenders


def test_the_vendored_specs_say_where_they_come_from() -> None:
    readme = (ROOT / "vendor_specs" / "README.md").read_text()
    for spec in sorted((ROOT / "vendor_specs").glob("*.yaml")):
        assert f"`{spec.name}`" in readme, spec.name
