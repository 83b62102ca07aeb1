"""The provider seam: one table knows the providers, every provider is in every table, and the
package has no import cycle (module-level and function-level imports alike; imports only for type
checking do not count).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from custom_components.video_pipeline.config_flow import (
    MENU,
    REAUTH_STEPS,
    RECONFIGURE_STEPS,
    VideoPipelineConfigFlow,
)
from custom_components.video_pipeline.const import Provider
from custom_components.video_pipeline.provider_table import PROVIDER_HOOKS

PACKAGE_DIR = Path(__file__).parents[1] / "custom_components" / "video_pipeline"
PACKAGE = "custom_components.video_pipeline"
EN = json.loads((PACKAGE_DIR / "translations" / "en.json").read_text())


def test_every_provider_is_in_every_table() -> None:
    everyone = set(Provider)
    assert set(MENU) == everyone
    assert set(PROVIDER_HOOKS) == everyone
    assert set(REAUTH_STEPS) == everyone
    assert set(RECONFIGURE_STEPS) == everyone
    assert set(EN["config"]["step"]["user"]["menu_options"]) == {p.value for p in everyone}
    for provider in everyone:
        hooks = PROVIDER_HOOKS[provider]
        assert hooks.setup_entry and hooks.unload_entry and hooks.diagnostics, provider
        assert hooks.platforms, provider
        # The steps the tables name are the provider's own, and each is a translated form.
        for table, suffix in (
            (REAUTH_STEPS, "_reauth_confirm"),
            (RECONFIGURE_STEPS, "_reconfigure"),
        ):
            step = table[provider]
            assert step.__name__ == f"async_step_{provider.value}{suffix}"
            assert getattr(VideoPipelineConfigFlow, step.__name__) is step
            assert f"{provider.value}{suffix}" in EN["config"]["step"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([PACKAGE, *parts])


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports at run time (not under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text())
    typing_only = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & modules) - {name}


def test_no_import_cycle_inside_the_package() -> None:
    files = {_module_name(path): path for path in PACKAGE_DIR.rglob("*.py")}
    graph = {name: _imports(path, set(files)) for name, path in files.items()}
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            cycle = [*trail[trail.index(module) :], module]
            raise AssertionError(" -> ".join(m.removeprefix(f"{PACKAGE}.") for m in cycle))
        if module in done:
            return
        for dependency in sorted(graph[module]):
            visit(dependency, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
