"""Slack `update_message` (0.34) with real processes: the group's first notification posts a
message, later ones edit it with `chat.update`. The message's `ts` and channel id are kept
where 0.34 keeps them, in the notification log entry's `receiver_data` (keys `threadTs`,
`channelId`), so the edit still happens after a restart (nflog snapshot) and on another
cluster node (gossip), also when the entry travelled through an Alertmanager 0.25 peer, which
keeps the field it does not know.

The Slack API is a fake: `update_message` requires `api_url` to be
https://slack.com/api/chat.postMessage, so requests reach it through `http_config.proxy_url`
(tls_proxy.TLSProxy answers CONNECT and plays slack.com with a certificate of a test CA).
"""
import itertools
import os

from conftest import wait_until
from server_support import metric
from tls_proxy import TLSProxy, make_test_ca
from webhook_sink import WebhookSink

CONFIG = """
route:
  receiver: slack
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: slack
  slack_configs:
  - api_url: https://slack.com/api/chat.postMessage
    channel: '#alerts'
    update_message: true
    message_text: '{{{{ len .Alerts.Firing }}}} firing'
    http_config:
      authorization: {{credentials: xoxb-test}}
      proxy_url: {proxy}
      tls_config: {{ca_file: {ca}}}
"""
# Alertmanager 0.25 refuses update_message: it relays the log with a config of its own.
AM025_CONFIG = """
route: {receiver: slack}
receivers: [{name: slack}]
"""
CLUSTER_FLAGS = ["--cluster.settle-timeout=2s", "--cluster.peer-timeout=1s"]
FIRST_TS = "1700000000.000001"


class FakeSlack:
    """chat.postMessage answers a new ts per message in channel C0ALERTS; chat.update answers
    the ts and channel it was given, as Slack does."""

    def __init__(self, workdir):
        self.sink = WebhookSink().start()
        numbers = itertools.count(1)

        def answer(method, path, body):
            if path == "/api/chat.postMessage":
                return 200, {"ok": True, "channel": "C0ALERTS", "ts": f"1700000000.{next(numbers):06d}"}
            if path == "/api/chat.update":
                return 200, {"ok": True, "channel": body["channel"], "ts": body["ts"]}
            return 404, {"ok": False, "error": "unknown_method"}

        self.sink.responder = answer
        ca = make_test_ca(workdir, ["slack.com"])
        self.proxy = TLSProxy(self.sink, ca).start()
        self.config = CONFIG.format(proxy=self.proxy.url, ca=ca["ca"])

    def calls(self):
        return [(r["path"], r["body"].get("channel"), r["body"].get("ts"), r["body"].get("text"))
                for r in self.sink.records()]

    def wait_calls(self, n):
        return wait_until(lambda: len(self.calls()) >= n and self.calls(), timeout=20, what=f"{n} Slack calls")

    def stop(self):
        self.proxy.stop()
        self.sink.stop()


def disk(*instances):
    return [{"labels": {"alertname": "Disk", "instance": i}} for i in instances]


def nflog_holds(node, text):
    path = os.path.join(node.dir, "data", "nflog")
    return os.path.exists(path) and text.encode() in open(path, "rb").read()


def test_slackUpdateMessage_restart_editsTheMessagePostedBeforeIt(tocsin, servers, workdir):
    slack = FakeSlack(workdir)
    try:
        node = servers(tocsin, slack.config)
        assert node.post_alerts(disk("a"))[0] == 200
        assert slack.wait_calls(1) == [("/api/chat.postMessage", "#alerts", None, "1 firing")]
        assert node.post_alerts(disk("a", "b"))[0] == 200
        assert slack.wait_calls(2)[1] == ("/api/chat.update", "C0ALERTS", FIRST_TS, "2 firing")
        node.stop()
        assert node.proc.returncode == 0
        # Alerts are not kept across the restart; the notification log (with the ts) is.
        node.start()
        assert node.post_alerts(disk("a", "b", "c"))[0] == 200
        assert slack.wait_calls(3)[2] == ("/api/chat.update", "C0ALERTS", FIRST_TS, "3 firing")
        assert [p for p, *_ in slack.calls()].count("/api/chat.postMessage") == 1
    finally:
        slack.stop()


def test_slackUpdateMessage_secondTocsinNode_editsTheMessageTheFirstPosted(tocsin, servers, workdir):
    slack = FakeSlack(workdir)
    try:
        n1 = servers(tocsin, slack.config, cluster=True, extra=CLUSTER_FLAGS, name="n1")
        n2 = servers(tocsin, slack.config, cluster=True, extra=CLUSTER_FLAGS, peers=[n1.cluster_addr], name="n2")
        wait_until(lambda: len(n1.status()["cluster"]["peers"]) == 2, what="n1 sees n2")
        assert n1.post_alerts(disk("a"))[0] == 200
        assert slack.wait_calls(1)[0][0] == "/api/chat.postMessage"
        # The entry reaches n2 by gossip (n2 journals what it merges).
        wait_until(lambda: nflog_holds(n2, FIRST_TS), timeout=20, what="the entry with the ts on n2")
        assert n2.post_alerts(disk("a", "b"))[0] == 200
        assert slack.wait_calls(2)[1] == ("/api/chat.update", "C0ALERTS", FIRST_TS, "2 firing")
    finally:
        slack.stop()


def test_slackUpdateMessage_entryRelayedByAlertmanager025_newTocsinEditsTheMessage(tocsin, alertmanager, servers,
                                                                                 workdir):
    slack = FakeSlack(workdir)
    try:
        n1 = servers(tocsin, slack.config, cluster=True, extra=CLUSTER_FLAGS, name="n1")
        am = servers(alertmanager, AM025_CONFIG, cluster=True, extra=CLUSTER_FLAGS, peers=[n1.cluster_addr], name="am")
        wait_until(lambda: len(am.status()["cluster"]["peers"]) == 2, what="am sees n1")
        assert n1.post_alerts(disk("a"))[0] == 200
        assert slack.wait_calls(1)[0][0] == "/api/chat.postMessage"
        # The 0.25 peer merged the entry (and passed it on): its nflog gossip counter says so.
        wait_until(lambda: (metric(am.url, "alertmanager_nflog_gossip_messages_propagated_total") or 0) >= 1,
                   what="the entry merged by am")
        # n1 leaves for good; a new node joins through the 0.25 peer alone and gets the entry,
        # receiver_data included, from its full state.
        n1.stop()
        n3 = servers(tocsin, slack.config, cluster=True, extra=CLUSTER_FLAGS, peers=[am.cluster_addr], name="n3")
        wait_until(lambda: nflog_holds(n3, FIRST_TS), timeout=30, what="the entry with the ts on n3")
        assert n3.post_alerts(disk("a", "b"))[0] == 200
        assert slack.wait_calls(2)[1] == ("/api/chat.update", "C0ALERTS", FIRST_TS, "2 firing")
        # The 0.25 peer wrote the field it does not know into its own snapshot too.
        am.stop()
        assert am.proc.returncode == 0 and nflog_holds(am, "threadTs")
    finally:
        slack.stop()
