"""The benchmarks' nodes: the interop harness' `Server` (tocsin or Alertmanager) at warn level,
because debug logging would be part of what is measured, started alone or as a full-mesh
cluster whose members all see each other before the measurement starts."""
import os
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))
from conftest import Server, wait_until  # noqa: E402,F401


class QuietServer(Server):
    def args(self):
        return [a if a != "--log.level=debug" else "--log.level=warn" for a in super().args()]


def start_nodes(binary, workdir, prefix, count, config, settle=0.0):
    """`count` nodes named prefix0, prefix1, ...; in a cluster (count > 1) each is given the
    others as peers, and this returns `settle` seconds after all see `count` members."""
    servers = [QuietServer(binary, workdir, config, name=f"{prefix}{i}", cluster=count > 1,
                           extra=["--cluster.settle-timeout=1s"] if count > 1 else []) for i in range(count)]
    if count > 1:
        for i, s in enumerate(servers):
            s.peers = [o.cluster_addr for j, o in enumerate(servers) if j != i]
    for s in servers:
        s.start()
    if count > 1:
        wait_until(lambda: all(len(s.status()["cluster"]["peers"]) == count for s in servers), timeout=30,
                   what=f"{prefix}: {count} members")
        time.sleep(settle)
    return servers
