#!/usr/bin/env bash
# Local HA demo, no Docker: 3 tocsin nodes in one gossip cluster, an HA pair of real
# Prometheus servers (Debian's `prometheus`) whose rules fire at once and who both send
# every alert to every node, and a webhook sink. It shows
#   1. one notification per alert group, although 2 senders x 3 nodes hold the alerts;
#   2. after the node at cluster position 0 (the one that sends) is killed with SIGKILL,
#      the group's next (repeat) notification still goes out, once, from a survivor.
# Everything binds free ports on 127.0.0.1 and is stopped on exit. Exit status 0 only when
# both expectations hold. Last line: `DEMO RESULT groups=.. notifications=.. after_kill=ok|fail ...`.
#
# Needs: a built tocsin (swift build --product tocsin), /usr/bin/prometheus, python3; the
# webhook sink is the repository's Tests/interop/webhook_sink.py.
# Knobs: TOCSIN_BIN, PROMETHEUS_BIN, DEMO_KEEP=1 (keep the work dir).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/deploy/local"
TOCSIN=${TOCSIN_BIN:-$ROOT/.build/debug/tocsin}
PROMETHEUS=${PROMETHEUS_BIN:-$(command -v prometheus || echo /usr/bin/prometheus)}
WEBHOOK_SINK=$ROOT/Tests/interop/webhook_sink.py
HELPER=(python3 "$HERE/demo_helper.py")

# Demo timings: short so the whole run takes about a minute.
PEER_TIMEOUT_S=3          # --cluster.peer-timeout: position p waits p x this before sending
GROUP_WAIT=2s
GROUP_INTERVAL=5s
REPEAT_INTERVAL_S=20      # the notification that must survive the kill is this repeat
GROUPS_LIST="DemoServiceDown,DemoDiskFilling"

for need in "$TOCSIN" "$PROMETHEUS" "$WEBHOOK_SINK"; do
  if [ ! -e "$need" ]; then
    echo "demo: missing $need (see deploy/README.md, 'Local demo')" >&2
    exit 2
  fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tocsin-demo.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ -n "${DEMO_KEEP:-}" ]; then echo "demo: logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T0=$(date +%s.%N)
say() { printf '[demo +%5.1fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$T0" 'BEGIN{print a-b}')" "$*"; }

read -r -a P <<<"$("${HELPER[@]}" ports 9)"
SINK_PORT=${P[0]}; API=("${P[1]}" "${P[2]}" "${P[3]}"); MESH=("${P[4]}" "${P[5]}" "${P[6]}")
PROM=("${P[7]}" "${P[8]}")
SINK="http://127.0.0.1:$SINK_PORT"

# --- webhook sink ---------------------------------------------------------------------
python3 "$WEBHOOK_SINK" --port "$SINK_PORT" --out "$WORK/deliveries.jsonl" \
  --max-seconds 600 >"$WORK/sink.log" 2>&1 &
PIDS+=($!)

# --- tocsin config and 3 nodes ----------------------------------------------------------
cat >"$WORK/tocsin.yml" <<EOF
route:
  receiver: demo-webhook
  group_by: [alertname]
  group_wait: $GROUP_WAIT
  group_interval: $GROUP_INTERVAL
  repeat_interval: ${REPEAT_INTERVAL_S}s
receivers:
- name: demo-webhook
  webhook_configs:
  - url: '$SINK/demo'
    send_resolved: false
EOF

URLS=()
NODE_PIDS=()
for i in 0 1 2; do
  peers=()
  for j in 0 1 2; do [ "$j" = "$i" ] || peers+=("--cluster.peer=127.0.0.1:${MESH[$j]}"); done
  url="http://127.0.0.1:${API[$i]}"
  URLS+=("$url")
  "$TOCSIN" --config.file="$WORK/tocsin.yml" --storage.path="$WORK/node$i" \
    --web.listen-address="127.0.0.1:${API[$i]}" --web.external-url="$url" \
    --cluster.listen-address="127.0.0.1:${MESH[$i]}" --cluster.advertise-address="127.0.0.1:${MESH[$i]}" \
    "${peers[@]}" --cluster.peer-timeout="${PEER_TIMEOUT_S}s" >"$WORK/node$i.log" 2>&1 &
  PIDS+=($!); NODE_PIDS+=($!)
done
say "started tocsin node0..2 on ${URLS[*]} (gossip ports ${MESH[*]})"
"${HELPER[@]}" wait-ready 30 "$SINK" "${URLS[@]}"
"${HELPER[@]}" wait-cluster 3 60 "${URLS[@]}"
say "cluster formed: every node sees 3 members and has settled"

# --- Prometheus HA pair -------------------------------------------------------------------
cat >"$WORK/rules.yml" <<'EOF'
groups:
- name: demo
  rules:
  - alert: DemoServiceDown
    expr: vector(1)
    labels: {severity: critical, service: checkout}
    annotations: {summary: 'checkout is down (demo rule, always firing)'}
  - alert: DemoDiskFilling
    expr: vector(1)
    labels: {severity: warning, service: storage}
    annotations: {summary: 'disk filling up (demo rule, always firing)'}
EOF
for r in 0 1; do
  replica=$([ "$r" = 0 ] && echo a || echo b)
  cat >"$WORK/prometheus-$replica.yml" <<EOF
global:
  evaluation_interval: 1s
  external_labels: {replica: $replica}
rule_files: ['$WORK/rules.yml']
alerting:
  # Both replicas send the same alerts; drop the replica label so they merge into one.
  alert_relabel_configs:
  - {action: labeldrop, regex: replica}
  alertmanagers:
  - static_configs:
    - targets: ['127.0.0.1:${API[0]}', '127.0.0.1:${API[1]}', '127.0.0.1:${API[2]}']
EOF
  "$PROMETHEUS" --config.file="$WORK/prometheus-$replica.yml" --storage.tsdb.path="$WORK/prom-$replica" \
    --web.listen-address="127.0.0.1:${PROM[$r]}" --rules.alert.resend-delay=2s \
    --log.level=warn >"$WORK/prometheus-$replica.log" 2>&1 &
  PIDS+=($!)
done
say "started prometheus-a and prometheus-b (127.0.0.1:${PROM[0]}, 127.0.0.1:${PROM[1]}), each sending to all 3 nodes"
"${HELPER[@]}" wait-ready 30 "http://127.0.0.1:${PROM[0]}" "http://127.0.0.1:${PROM[1]}"

# --- phase 1: one notification per group --------------------------------------------------
QUIET=$((2 * PEER_TIMEOUT_S + 2))
say "waiting for the first notifications, then ${QUIET}s more for any duplicate"
OUT1=$("${HELPER[@]}" deliveries "$SINK" --after 0 --groups "$GROUPS_LIST" --timeout 60 --quiet "$QUIET" --t0 "$T0")
echo "$OUT1" | grep -v '^COUNTS '
read -r PHASE1_GROUPS PHASE1_NOTES PHASE1_OK < <(echo "$OUT1" | sed -n 's/^COUNTS //p' | python3 -c '
import json, sys
c = json.load(sys.stdin)["counts"]
print(len(c), sum(c.values()), "ok" if all(v == 1 for v in c.values()) else "fail")')
say "alerts held per node: $("${HELPER[@]}" alert-counts "${URLS[@]}")"
say "phase 1: $PHASE1_NOTES notification(s) for $PHASE1_GROUPS group(s) from 2 Prometheus x 3 tocsin nodes"

# --- phase 2: kill the node at position 0 -----------------------------------------------
read -r POS0 POS0_NAME <<<"$("${HELPER[@]}" position0 "${URLS[@]}")"
KILL_TS=$(date +%s.%N)
{ kill -9 "${NODE_PIDS[$POS0]}"; wait "${NODE_PIDS[$POS0]}"; } 2>/dev/null || true
say "killed node$POS0 (${URLS[$POS0]}, peer $POS0_NAME, cluster position 0) with SIGKILL"
say "waiting for the repeat notification (repeat_interval ${REPEAT_INTERVAL_S}s) from a survivor"
OUT2=$("${HELPER[@]}" deliveries "$SINK" --after "$KILL_TS" --groups "$GROUPS_LIST" \
  --timeout $((REPEAT_INTERVAL_S + 30)) --quiet "$QUIET" --t0 "$T0")
echo "$OUT2" | grep -v '^COUNTS '
AFTER_KILL=$(echo "$OUT2" | sed -n 's/^COUNTS //p' | python3 -c '
import json, sys
d = json.load(sys.stdin)
killed = sys.argv[1]
once = all(v == 1 for v in d["counts"].values())
survivor = all(s != killed for ss in d["senders"].values() for s in ss)
print(sum(d["counts"].values()), "ok" if once and survivor else "fail")' "${URLS[$POS0]}")
read -r AFTER_NOTES AFTER_OK <<<"$AFTER_KILL"

echo "DEMO RESULT groups=$PHASE1_GROUPS notifications=$PHASE1_NOTES after_kill=$AFTER_OK" \
  "after_kill_notifications=$AFTER_NOTES killed=node$POS0 senders=2 nodes=3"
[ "$PHASE1_OK" = ok ] && [ "$AFTER_OK" = ok ]
