"""The layers of docs/architecture.md are the import-linter contracts in pyproject.toml (run by `make lint`),
and accounts names no page of an app it may not import."""

import re
import tomllib
from pathlib import Path

from django.urls import URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
ZIT = ROOT / "src" / "zit"
# namespaces whose urlconf is not a module of the app (django-ninja's list of patterns)
NAMESPACE_APPS = {"api-v1": "opendata"}


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def _layers() -> list[list[str]]:
    """The layers contract, top first; each layer its apps, names in parentheses unwrapped."""
    return [
        [name.strip().strip("()") for name in layer.split("|")] for layer in _contracts()["layers"]["layers"]
    ]


def _apps() -> set[str]:
    return {p.name for p in ZIT.iterdir() if (p / "__init__.py").exists()}


def _not_below(app: str) -> set[str]:
    """The apps `app` may not import: those above it and its siblings on its line."""
    layers = _layers()
    index = next(i for i, layer in enumerate(layers) if app in layer)
    return {name for layer in layers[: index + 1] for name in layer} - {app}


def namespace_apps() -> dict[str, str]:
    """URL namespace → the app whose urlconf declares it."""
    found = {}
    patterns = list(get_resolver().url_patterns)
    while patterns:
        pattern = patterns.pop()
        if not isinstance(pattern, URLResolver):
            continue
        if pattern.namespace is None:  # the pages under /en/ too: i18n_patterns wraps them in a resolver
            patterns.extend(pattern.url_patterns)
        elif pattern.namespace != "admin":
            module = getattr(pattern.urlconf_module, "__name__", "")
            found[pattern.namespace] = NAMESPACE_APPS.get(pattern.namespace) or module.split(".")[1]
    return found


def test_every_app_has_its_place_in_the_layers():
    placed = {name for layer in _layers() for name in layer}
    assert _apps() <= placed


def test_the_architecture_page_shows_the_layers_contract():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    picture = re.search(r"<!-- layers -->\n```text\n(.*?)```", page, re.S)
    assert picture, "docs/architecture.md: the picture of the layers follows <!-- layers -->"
    shown = [line.strip() for line in picture.group(1).splitlines() if line.strip()]
    assert shown == [layer.strip() for layer in _contracts()["layers"]["layers"]]


def test_accounts_may_import_no_app_above_it():
    """The forbidden contract names every app accounts may not import, as far as the app exists (import-linter
    refuses a module that does not)."""
    forbidden = {name.removeprefix("zit.") for name in _contracts()["accounts"]["forbidden_modules"]}
    assert forbidden == _not_below("accounts") & _apps()


def test_accounts_names_no_page_of_an_app_above_it():
    """Dashboard panels and menu entries are each app's own (zit.core.navigation): accounts links to none."""
    namespaces = [ns for ns, app in namespace_apps().items() if app in _not_below("accounts")]
    assert "governance" in namespaces and "fees" in namespaces  # the scan knows the apps above
    found = []
    for path in sorted((ZIT / "accounts").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {ns}:" for ns in namespaces if re.search(rf"[\"']{ns}:", text)]
    assert found == []
