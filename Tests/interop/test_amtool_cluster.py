"""amtool 0.25 and tocsinctl against 3-node clusters of tocsin and of the real Alertmanager.

One scripted session (silence add/query/update/expire/import, propagation to the third node,
alert add/query, cluster show) is run by a CLI against a fresh 3-node cluster and recorded as a
transcript of (step, exit status, stdout, stderr). IDs, timestamps, peer names and addresses are
replaced by placeholders (IDs numbered by first appearance, so "update keeps the ID" survives
normalisation). The reference is the real amtool against the real Alertmanager; every other
combination (amtool->tocsin, tocsinctl->Alertmanager, tocsinctl->tocsin) must give the same
transcript. When the CLI is tocsinctl, each deterministic read step is also run with amtool on the
same server state and must be byte-identical (stderr compared with `tocsinctl:` read as `amtool:`).
"""
import datetime
import os
import re
import subprocess
import tempfile

import pytest

from conftest import Server, require, tocsin_bin, tocsinctl_bin, wait_until, http

CONFIG = """route:
  receiver: default
  group_wait: 1h
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
receivers: [{name: default}, {name: pager}]
"""
CLUSTER_FLAGS = ["--cluster.settle-timeout=200ms", "--cluster.gossip-interval=50ms", "--cluster.pushpull-interval=1s"]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMES = [
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z]{3,4}"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"), "<ts>"),
    (re.compile(r"\b[0-9A-HJKMNP-TV-Z]{26}\b"), "<peer>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "<addr>"),
]


def start_cluster(binary, workdir, n=3):
    """n servers of `binary` peered with each other; returns them once all see n peers, ready."""
    nodes = [Server(binary, workdir, CONFIG, name=f"{os.path.basename(binary)}{i}", cluster=True,
                    extra=CLUSTER_FLAGS) for i in range(n)]
    for s in nodes:
        s.peers = [o.cluster_addr for o in nodes]
    try:
        for s in nodes:
            s.start(wait=False)
        for s in nodes:
            wait_until(s.ready, timeout=20, what=f"{binary} ready")

        def clustered():
            sts = [http("GET", s.url + "/api/v2/status")[1] for s in nodes]
            return all(isinstance(st, dict) and st["cluster"]["status"] == "ready"
                       and len(st["cluster"].get("peers") or []) == n for st in sts)
        wait_until(clustered, timeout=20, what=f"{n} {binary} nodes clustered and ready")
    except BaseException:
        for s in nodes:
            s.stop()
        raise
    return nodes


def rfc3339(offset_seconds):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset_seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Session:
    """Runs one CLI against cluster nodes, recording a normalised transcript."""

    def __init__(self, tool, nodes, workdir):
        self.tool, self.nodes, self.workdir = tool, nodes, workdir
        self.home = tempfile.mkdtemp(dir=workdir, prefix="home-")
        self.is_tocsinctl = os.path.basename(tool) != "amtool"
        self.ids = {}
        self.transcript = []
        self.byte_diffs = []

    def run(self, node, args, stdin=None, tool=None):
        env = {k: v for k, v in os.environ.items() if k != "ALERTMANAGER_URL"}
        env["HOME"] = self.home
        p = subprocess.run([tool or self.tool, f"--alertmanager.url={self.nodes[node].url}"] + args,
                           input=stdin, capture_output=True, text=True, env=env, timeout=30)
        return p.returncode, p.stdout, p.stderr.replace("tocsinctl: ", "amtool: ")

    def norm(self, text):
        def sub(m):
            return self.ids.setdefault(m.group(0), f"<id{len(self.ids) + 1}>")
        text = UUID.sub(sub, text)
        for pattern, repl in TIMES:
            text = pattern.sub(repl, text)
        return text

    def step(self, label, node, args, stdin=None, same_bytes=True, post=None):
        """Runs a step, records it; with tocsinctl, compares raw bytes with amtool when asked."""
        rc, out, err = self.run(node, args, stdin)
        if self.is_tocsinctl and same_bytes:
            ref = self.run(node, args, stdin, tool=require("amtool"))
            if ref != (rc, out, err):
                self.byte_diffs.append((label, args, ref, (rc, out, err)))
        n_out, n_err = self.norm(out), self.norm(err)
        if post:
            n_out = post(n_out)
        self.transcript.append((label, rc, n_out, n_err))
        return rc, out, err

    def ids_on(self, node, extra=()):
        return set(self.run(node, ["silence", "query", "-q", *extra])[1].split())


def sorted_lines(text):
    return "\n".join(sorted(text.splitlines()))


def drop_id_column(text):
    """Simple silence table rows without the ID column, sorted (for tie-ordered states)."""
    return sorted_lines(re.sub(r"^(<id\d+>|ID)\s+", "", text, flags=re.M))


def lifecycle(tool, nodes, workdir):
    s = Session(tool, nodes, workdir)
    # Silences created on two different nodes.
    _, id1, _ = s.step("add 1", 0, ["silence", "add", 'alertname=foo', 'severity=~"crit.*|warn"', "-a", "alice",
                                     "-c", "first silence", "-d", "1h"], same_bytes=False)
    _, id2, _ = s.step("add 2", 0, ["silence", "add", "bar", "-a", "bob", "-c", "second", "-d", "2h"], same_bytes=False)
    _, id3, _ = s.step("add 3", 1, ["silence", "add", "job=batch", "-a", "carol", "-c", "third", "--end", rfc3339(3 * 3600)],
                       same_bytes=False)
    id1, id2, id3 = id1.strip(), id2.strip(), id3.strip()
    wait_until(lambda: s.ids_on(0) == {id1, id2, id3}, what="node 1 sees all silences")
    for fmt in (["silence"], ["silence", "query", "-o", "extended"], ["silence", "-o", "json"],
                ["silence", "query", "-q"], ["silence", "query", "alertname=foo"], ["silence", "--within", "90m"]):
        s.step("query n1 " + " ".join(fmt), 0, fmt)
    # Propagation to node 3.
    wait_until(lambda: s.ids_on(2) == {id1, id2, id3}, what="silences propagated to node 3")
    s.step("query n3", 2, ["silence"])
    s.step("query n3 json", 2, ["silence", "query", "-o", "json"])
    # Updates on node 3 keep the ID (comment change; end change of an active silence).
    s.step("update comment", 2, ["silence", "update", id1, "-c", "updated comment"], same_bytes=False)
    s.step("update duration", 2, ["silence", "update", id2, "-d", "150m"], same_bytes=False)
    wait_until(lambda: "updated comment" in s.run(0, ["silence"])[1] and s.ids_on(0) == {id1, id2, id3},
               what="update propagated to node 1")
    s.step("query n1 after update", 0, ["silence", "query", "-o", "extended"])
    # Expire on node 2; --expired on node 3.
    s.step("expire", 1, ["silence", "expire", id2], same_bytes=False)
    wait_until(lambda: id2 in s.ids_on(2, ["--expired"]), what="expiry propagated to node 3")
    s.step("query n3 after expire", 2, ["silence"])
    s.step("query n3 expired", 2, ["silence", "query", "--expired"])
    s.step("query n3 expired json", 2, ["silence", "query", "--expired", "-o", "json"])
    # Alerts (local to the node they are posted to); foo severity=critical is silenced by id1.
    s.step("alert add foo", 0, ["alert", "add", "foo", "severity=critical", "--annotation=summary=disk full",
                                "--generator-url=http://gen/1", "--start", rfc3339(-3600)], same_bytes=False)
    s.step("alert add bar", 0, ["alert", "add", "alertname=bar", "instance=a", "--start", rfc3339(-1800)],
           same_bytes=False)
    s.step("alert add baz", 0, ["alert", "add", "baz", "--annotation=summary=later", "--start", rfc3339(-600),
                                "--end", rfc3339(3600)], same_bytes=False)
    wait_until(lambda: len(http("GET", nodes[0].url + "/api/v2/alerts")[1]) == 3, what="3 alerts on node 1")
    for fmt in (["alert"], ["alert", "query", "-s"], ["alert", "query", "-a", "-s", "-o", "extended"],
                ["alert", "-s", "-o", "json"], ["alert", "query", "bar"], ["alert", "query", "-s", "-r", "pager"]):
        s.step("alert n1 " + " ".join(fmt), 0, fmt)
    s.step("alert n3", 2, ["alert", "query", "-s", "-i"])
    # Import what `query -o json` printed: existing IDs are updated in place (same IDs back).
    export = os.path.join(workdir, f"export-{len(os.listdir(workdir))}.json")
    with open(export, "w") as f:
        f.write(s.run(0, ["silence", "query", "-o", "json"])[1])
    s.step("import", 1, ["silence", "import", export], same_bytes=False, post=sorted_lines)
    s.step("import force", 1, ["silence", "import", "-f"], stdin=open(export).read(), same_bytes=False,
           post=lambda t: sorted_lines(re.sub(r"<id\d+>", "<new>", t)))
    wait_until(lambda: len(s.ids_on(2)) == 4, what="imported silences propagated to node 3")
    s.step("query n3 after import", 2, ["silence"], same_bytes=False, post=drop_id_column)
    s.step("cluster show", 0, ["cluster", "show"])
    s.step("cluster extended", 0, ["cluster", "show", "-o", "extended"], post=sorted_lines)
    return s


@pytest.fixture(scope="module")
def reference():
    """The real amtool against a real 3-node Alertmanager cluster."""
    workdir = tempfile.mkdtemp(prefix="amtool-ref-")
    nodes = start_cluster(require("prometheus-alertmanager"), workdir)
    try:
        return lifecycle(require("amtool"), nodes, workdir).transcript
    finally:
        for n in nodes:
            n.stop()


def assert_same_transcript(got, want):
    assert [t[0] for t in got] == [t[0] for t in want]
    for g, w in zip(got, want):
        assert g == w, f"step {w[0]!r} differs:\n got: {g}\nwant: {w}"


@pytest.mark.parametrize("cli,server", [("amtool", "tocsin"), ("tocsinctl", "alertmanager"), ("tocsinctl", "tocsin")])
def test_cliLifecycle_eachClientServerPairOnCluster_sameTranscriptAsAmtoolOnAlertmanager(reference, workdir, cli, server):
    tool = require("amtool") if cli == "amtool" else require(tocsinctl_bin())
    binary = require(tocsin_bin()) if server == "tocsin" else require("prometheus-alertmanager")
    nodes = start_cluster(binary, workdir)
    try:
        s = lifecycle(tool, nodes, workdir)
    finally:
        for n in nodes:
            n.stop()
    assert_same_transcript(s.transcript, reference)
    assert not s.byte_diffs, "tocsinctl vs amtool on the same state:\n" + "\n".join(map(repr, s.byte_diffs))


def test_checkConfig_brokenTemplate_tocsinctlPrintsAmtoolText(workdir):
    with open(os.path.join(workdir, "bad.tmpl"), "w") as f:
        f.write('{{ define "x" }}{{ .Foo }\n')
    with open(os.path.join(workdir, "ok.tmpl"), "w") as f:
        f.write('{{ define "y" }}{{ .Status | toUpper }}{{ end }}\n')
    for tmpl in ("bad.tmpl", "ok.tmpl"):
        cfg = os.path.join(workdir, f"c-{tmpl}.yml")
        with open(cfg, "w") as f:
            f.write(CONFIG + f"templates: ['*.none', '{tmpl}']\n")
        runs = [subprocess.run([require(t), "check-config", cfg], capture_output=True, text=True)
                for t in ("amtool", tocsinctl_bin())]
        a, t = runs
        assert (t.returncode, t.stdout, t.stderr.replace("tocsinctl:", "amtool:")) == (a.returncode, a.stdout, a.stderr)
        assert ("  FAILED: template: bad.tmpl:1: unexpected \"}\" in operand\n" in t.stdout) == (tmpl == "bad.tmpl")
