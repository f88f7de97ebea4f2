"""API conformance fuzzing: schemathesis against Alertmanager 0.25's own OpenAPI spec.

The spec is the one Alertmanager 0.25 was generated from, read at test time from Debian's
source package (golang-github-prometheus-alertmanager-dev embeds it in
api/v2/restapi/embedded_spec.go); nothing of it is kept in this repository. schemathesis
(PyPI) generates requests from it (coverage, fuzzing and stateful phases) and checks every
response: no 5xx, a documented status code, a Content-Type, a body that fits the schema.

Alertmanager itself does not conform in a few places (go-openapi answers 422 for a body it
cannot bind, 400 bodies are `{"code","message"}` objects where the spec says string, and so
on). Tocsin answers those exactly as Alertmanager does, because clients were written against
the real server, not the spec; ACCEPTED lists them with the reason. Anything else tocsin
does against the spec fails the test. The same run against the real Alertmanager is printed
and written to the test's output, so the list of Alertmanager's own deviations stays
checkable (docs/api-conformance.md).
"""
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import http

SPEC_SOURCE = "/usr/share/gocode/src/github.com/prometheus/alertmanager/api/v2/restapi/embedded_spec.go"
CONFIG = 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n'
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# A fixed seed keeps CI reproducible; TOCSIN_SCHEMATHESIS_SEED / _EXAMPLES run other campaigns.
SEED = os.environ.get("TOCSIN_SCHEMATHESIS_SEED", "20261206")
EXAMPLES = os.environ.get("TOCSIN_SCHEMATHESIS_EXAMPLES", "30")

# (operation, schemathesis check code) -> why tocsin answers against the spec on purpose.
ACCEPTED = {
    ("DELETE /silence/{silenceID}", "ST103"):
        "422 for an ID that is not a UUID (go-openapi's binding error, as Alertmanager); "
        "404 for an unknown ID (Alertmanager 0.25 answers 500, which is worse)",
    ("GET /silence/{silenceID}", "ST103"): "422 for an ID that is not a UUID, as Alertmanager",
    ("GET /silence/{silenceID}", "ST104"): "404 with an empty body and no Content-Type, as Alertmanager",
    ("GET /silences", "ST103"): "400 for a filter that does not parse, as Alertmanager",
    ("POST /alerts", "ST103"): "422 for a missing or unbindable body, as Alertmanager",
    ("POST /alerts", "ST104"): "200 with an empty body and no Content-Type, as Alertmanager",
    ("POST /silences", "ST103"): "422 for a missing or unbindable body, as Alertmanager",
    ("POST /silences", "ST108"): '400 body is {"code","message"} (go-openapi\'s parse error), as Alertmanager',
}


def load_spec(path):
    """The swagger document Alertmanager's generated server embeds, as a JSON file."""
    with open(SPEC_SOURCE, encoding="utf-8") as f:
        source = f.read()
    m = re.search(r"SwaggerJSON = json\.RawMessage\(\[\]byte\(`(.*?)`\)\)", source, re.S)
    assert m, f"no embedded swagger document in {SPEC_SOURCE}"
    spec = json.loads(m.group(1))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(spec, f)
    return spec


def run_schemathesis(spec_path, base_url, report_path):
    cmd = [sys.executable, "-m", "schemathesis.cli", "run", spec_path, "--url", base_url, "-c", CHECKS,
           "--max-examples", EXAMPLES, "--seed", SEED, "-w", "1", "--report", "json",
           "--report-json-path", report_path]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert os.path.exists(report_path), f"schemathesis wrote no report:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    found = {(op, failure["code"]) for failure in report["failures"] for op in failure["operations"]}
    return report, found, proc.stdout


def test_apiConformance_schemathesisAgainstSpec_onlyAlertmanagersOwnDeviations(workdir, servers, tocsin, alertmanager):
    spec_path = os.path.join(workdir, "alertmanager-0.25-openapi.json")
    spec = load_spec(spec_path)
    assert spec["basePath"] == "/api/v2/"

    node = servers(tocsin, CONFIG, name="tocsin")
    report, found, output = run_schemathesis(spec_path, node.url + "/api/v2", os.path.join(workdir, "tocsin.json"))
    print(f"tocsin: {report['test_cases']['generated']} requests, failures: {sorted(found)}")
    assert report["complete"] and not report["errors"], output[-4000:]
    assert report["operations"]["tested"] == len([1 for p in spec["paths"].values() for m in p if m != "parameters"])
    assert not {f for f in found if f[1] == "ST101"}, "tocsin answered 5xx:\n" + output[-6000:]
    unexpected = found - ACCEPTED.keys()
    assert not unexpected, f"spec violations Alertmanager does not share: {sorted(unexpected)}\n" + output[-6000:]
    assert node.proc.poll() is None and http("GET", node.url + "/-/healthy")[0] == 200

    # The reference: the same campaign against Alertmanager 0.25, for the record.
    am = servers(alertmanager, CONFIG, name="alertmanager")
    am_report, am_found, _ = run_schemathesis(spec_path, am.url + "/api/v2", os.path.join(workdir, "am.json"))
    print(f"alertmanager 0.25: {am_report['test_cases']['generated']} requests, failures: {sorted(am_found)}")
