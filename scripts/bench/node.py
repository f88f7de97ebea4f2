"""One benchmarked server process (tocsin or Alertmanager): started on free loopback ports
with Alertmanager's flag names, clustering off, stopped by its PID (SIGTERM, then SIGKILL)."""
import os
import shlex
import signal
import socket
import subprocess
import time
import urllib.request

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def memory_kib(pid):
    """{"VmRSS": KiB, "VmHWM": KiB} of a running process ({} once it is gone)."""
    found = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


class Node:
    def __init__(self, binary, config, workdir, log_level="warn"):
        """`binary` may carry arguments ("prometheus-alertmanager --flag=x")."""
        self.command = shlex.split(binary) if isinstance(binary, str) else list(binary)
        self.config = os.path.abspath(config)
        self.workdir = workdir
        self.log_level = log_level
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.proc = None

    @property
    def pid(self):
        return self.proc.pid

    def start(self, ready_timeout=30.0):
        os.makedirs(self.workdir, exist_ok=True)
        argv = self.command + [f"--config.file={self.config}", f"--storage.path={os.path.join(self.workdir, 'data')}",
                               f"--web.listen-address={HOST}:{self.port}", "--cluster.listen-address=",
                               f"--log.level={self.log_level}"]
        self.log_path = os.path.join(self.workdir, "server.log")
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + ready_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{argv[0]} exited with {self.proc.returncode}; log: {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            if time.time() > deadline:
                self.stop()
                raise RuntimeError(f"{argv[0]} not ready after {ready_timeout}s; log: {self.log_path}")
            time.sleep(0.05)

    def stop(self, timeout=15.0):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
