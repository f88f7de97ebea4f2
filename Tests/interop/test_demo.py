"""Runs deploy/local/demo.sh (3 tocsin nodes, 2 real Prometheus servers, a webhook sink)
and checks what a user of the demo is promised: exactly one notification per alert group
although 2 senders x 3 nodes hold the alerts, and the group's next notification still
delivered, once, by a survivor after the node at cluster position 0 is SIGKILLed."""
import os
import re
import subprocess

from conftest import ROOT, require, tocsin_bin

DEMO = os.path.join(ROOT, "deploy", "local", "demo.sh")
RESULT = re.compile(r"^DEMO RESULT (.*)$", re.M)


def run_demo():
    env = dict(os.environ, TOCSIN_BIN=require(tocsin_bin()), PROMETHEUS_BIN=require("prometheus"))
    proc = subprocess.run(["bash", DEMO], env=env, capture_output=True, text=True, timeout=150)
    found = RESULT.findall(proc.stdout)
    assert found, f"no DEMO RESULT line (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    fields = dict(kv.split("=", 1) for kv in found[-1].split())
    return proc, fields


def test_demo_twoSendersThreeNodesAndNodeKill_oneNotificationPerGroupAndSurvives():
    proc, fields = run_demo()
    report = f"\n{proc.stdout}\n{proc.stderr}"
    assert int(fields["groups"]) == 2, report
    assert int(fields["notifications"]) == int(fields["groups"]), report
    assert fields["after_kill"] == "ok", report
    assert int(fields["after_kill_notifications"]) == int(fields["groups"]), report
    assert proc.returncode == 0, report
    # The deliveries printed after the kill name a surviving node as sender.
    killed = re.search(r"killed node\d \((http://[0-9.:]+),", proc.stdout)
    assert killed, report
    after = proc.stdout.split("with SIGKILL", 1)[1]
    senders = re.findall(r"sent-by=(\S+)", after)
    assert senders and killed.group(1) not in senders, report
