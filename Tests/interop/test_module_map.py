"""The module map of docs/ARCHITECTURE.md holds for Package.swift: every target is on the map,
imports only modules of lower layers (or an import the exceptions table allows), and none of
the forbidden imports. Read from `swift package dump-package`, run on a copy of the manifest
so that a build holding .build's lock does not block it."""
import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT, require

DOC = os.path.join(ROOT, "docs", "ARCHITECTURE.md")
SECTION = "## Modules: the map (checked)"
NAME = re.compile(r"`([A-Za-z][A-Za-z0-9_-]*)`")


def map_section(text):
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:end if end >= 0 else len(text)]


def tables(section):
    """[(header cells, [row cells, ...]), ...] for each markdown table of the section."""
    found, header, rows = [], None, None
    for line in section.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header, rows = cells, []
            elif not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
        elif header is not None:
            found.append((header, rows))
            header = None
    return found


def parse_map(text):
    """(layers {module: int or "test"}, forbidden {module: set}, exceptions {module: set})."""
    t = tables(map_section(text))
    layers = {}
    _, rows = next(v for v in t if v[0][:2] == ["layer", "module"])
    for layer, module, *_ in rows:
        (name,) = NAME.findall(module)
        assert name not in layers, f"{name} listed twice in the module map"
        layers[name] = layer if layer == "test" else int(layer)
    pairs = {}
    for key, column in (("forbidden", "never imports"), ("exceptions", "may also import")):
        header, rows = next(v for v in t if v[0][:2] == ["module", column])
        pairs[key] = {}
        for module, targets, *_ in rows:
            for m in NAME.findall(module):
                pairs[key].setdefault(m, set()).update(NAME.findall(targets))
    return layers, pairs["forbidden"], pairs["exceptions"]


@pytest.fixture(scope="module")
def package():
    """{target name: (type, [names of the package's own targets it depends on])}."""
    swift = require("swift")
    with tempfile.TemporaryDirectory(prefix="tocsin-manifest-") as d:
        shutil.copy(os.path.join(ROOT, "Package.swift"), d)
        out = subprocess.run([swift, "package", "--scratch-path", os.path.join(d, ".build"), "dump-package"],
                             cwd=d, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    targets = json.loads(out.stdout)["targets"]
    own = {t["name"] for t in targets}
    result = {}
    for t in targets:
        deps = []
        for dep in t.get("dependencies", []):
            kind, value = next(iter(dep.items()))
            if kind in ("byName", "target") and value[0] in own:
                deps.append(value[0])
        result[t["name"]] = (t["type"], deps)
    return result


def violations(layers, forbidden, exceptions, package):
    found = []
    for name, (kind, deps) in sorted(package.items()):
        if kind == "test":
            found += [f"{name} (test) imports {d}, not on the map" for d in deps if d not in layers]
            continue
        if name not in layers:
            found.append(f"{name} is a {kind} target missing from the module map")
            continue
        for d in deps:
            if d not in layers:
                found.append(f"{name} imports {d}, not on the map")
            elif layers[d] == "test":
                found.append(f"{name} imports the test-only module {d}")
            elif d in forbidden.get(name, ()):
                found.append(f"{name} imports {d}, which the map forbids")
            elif d in exceptions.get(name, ()):
                continue
            elif layers[name] != "test" and layers[d] >= layers[name]:
                found.append(f"{name} (layer {layers[name]}) imports {d} (layer {layers[d]}): not a lower layer")
    return found


def test_moduleMap_packageTargets_importOnlyLowerLayersAndNothingForbidden(package):
    with open(DOC) as f:
        layers, forbidden, exceptions = parse_map(f.read())
    assert not violations(layers, forbidden, exceptions, package)
    # A module of the map not in Package.swift yet (a branch adding it merges later) is fine;
    # the map must still name real modules for most of its rows.
    assert len(set(layers) & set(package)) >= len(layers) - 3, sorted(set(layers) - set(package))


def test_moduleMap_brokenPackages_violationsReported():
    with open(DOC) as f:
        layers, forbidden, exceptions = parse_map(f.read())
    assert layers["GoCompat"] == 0 and layers["tocsin"] == 6 and layers["TestKit"] == "test"
    assert "Mesh" in forbidden["Silences"] and "Notify" in forbidden["AlertDispatch"]
    bad = {
        "Wire": ("regular", ["AlertCore"]),                 # upward
        "AlertStore": ("regular", ["Silences"]),            # same layer
        "Silences": ("regular", ["AlertCore", "Mesh"]),     # forbidden
        "Unmapped": ("regular", []),                        # not on the map
        "Server": ("regular", ["TestKit"]),                 # test-only module
        "FooTests": ("test", ["TestKit", "Server"]),        # fine
    }
    found = violations(layers, forbidden, exceptions, bad)
    assert len(found) == 5, found
    assert violations(layers, forbidden, {"Wire": {"AlertCore"}}, {"Wire": ("regular", ["AlertCore"])}) == []
