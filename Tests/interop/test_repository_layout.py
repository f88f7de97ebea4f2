"""The repository stands on its own and its interop tests are named one way.

- Nothing in scripts/, Tests/, .ci/, deploy/ or Package.swift refers to a folder beside the
  repository (scripts/check-self-contained, which scripts/test also runs first).
- Every interop test is named test_<unit>_<condition>_<expectation>, as ARCHITECTURE.md's
  habits say: the words of a part joined in camelCase, parts joined by underscores
  (test_retry_sinkAnswers404_notRetriedAndFailureCounted); a unit or a condition may take
  two parts (test_udp_silence_...), so 3 to 5 parts, and not a snake_case sentence.
"""
import ast
import glob
import os
import re
import subprocess

from conftest import HERE, ROOT

NAME = re.compile(r"^test(_[a-z0-9][A-Za-z0-9]*){3,5}$")


def well_named(name):
    """3 to 5 parts, and some part is camelCase (or has a digit): a sentence in snake_case
    such as test_firing_alert_payload_matches_alertmanager_format is not."""
    return bool(NAME.match(name)) and any(re.search(r"[A-Z0-9]", p) for p in name.split("_")[1:])


def test_repository_selfContainedCheck_findsNoPathOutsideTheRepository():
    r = subprocess.run([os.path.join(ROOT, "scripts", "check-self-contained")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_repository_selfContainedCheck_reportsAReferenceBesideTheRepository(tmp_path):
    # The check on a copy of itself plus one offending script must fail and name the file.
    (tmp_path / "scripts").mkdir()
    for d in ("Tests", ".ci", "deploy"):
        (tmp_path / d).mkdir()
    (tmp_path / "Package.swift").write_text("// nothing\n")
    check = tmp_path / "scripts" / "check-self-contained"
    check.write_text(open(os.path.join(ROOT, "scripts", "check-self-contained")).read())
    check.chmod(0o755)
    (tmp_path / ".ci" / "run").write_text("python3 ../" + "shar" + "ed/tools/x.py\n")
    r = subprocess.run([str(check)], capture_output=True, text=True)
    assert r.returncode == 1 and ".ci/run:1" in r.stderr, r.stdout + r.stderr


def test_interopTests_everyTestFunction_namedUnitConditionExpectation():
    names = []
    for path in sorted(glob.glob(os.path.join(HERE, "test_*.py"))):
        with open(path) as f:
            tree = ast.parse(f.read())
        names += [(os.path.basename(path), n.name) for n in ast.walk(tree)
                  if isinstance(n, ast.FunctionDef) and n.name.startswith("test")]
    assert len(names) > 40
    assert [f"{f}: {n}" for f, n in names if not well_named(n)] == []
    for bad in ("test_firing_alert_payload_matches_alertmanager_format", "test_a_b", "test_oneTwo_three"):
        assert not well_named(bad), bad


TYPE_DECL = re.compile(r"^(?:public |package |open )(?:final )?(?:struct|class|enum|actor|protocol|typealias) ([A-Z]\w*)", re.M)


def exported_types():
    """(module, type) for every public or package top-level type declared in Sources/."""
    found = []
    for path in glob.glob(os.path.join(ROOT, "Sources", "*", "**", "*.swift"), recursive=True):
        module = os.path.relpath(path, os.path.join(ROOT, "Sources")).split(os.sep)[0]
        with open(path, encoding="utf-8") as f:
            found += [(module, name) for name in TYPE_DECL.findall(f.read())]
    return found


def test_sources_exportedTypeNames_noneNamedAfterItsModuleAndNoneTwice():
    # `Config.Route` would name a member of a type `Config`, not the module's type; two
    # modules exporting `Route` make every file that imports both ambiguous.
    types = exported_types()
    assert len(types) > 100
    assert [t for t in types if t[0] == t[1]] == []
    owners = {}
    for module, name in types:
        owners.setdefault(name, set()).add(module)
    assert {n: sorted(m) for n, m in owners.items() if len(m) > 1} == {}
