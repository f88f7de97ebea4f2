"""The release binaries (scripts/release, which deploy/Dockerfile runs) need no Swift
toolchain: ldd lists no Swift runtime library, and started with an empty environment
(`env -i`, PATH=/usr/bin:/bin, so no LD_LIBRARY_PATH) tocsin maps nothing from the toolchain
and answers /-/healthy, tocsinctl prints its version and checks a config.

scripts/test builds them once in its release stage and passes TOCSIN_RELEASE_DIR; run alone,
this file runs scripts/release itself (a release build: minutes)."""
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import HOST, ROOT, free_port, http, require, wait_until

RUNTIME_NAMES = ("libswift", "libFoundation", "lib_FoundationICU", "libdispatch", "libBlocksRuntime")
MINIMAL_ENV = ["env", "-i", "PATH=/usr/bin:/bin"]


def toolchain_dir():
    """The toolchain's prefix (/opt/swift/usr for /opt/swift/usr/bin/swift)."""
    return os.path.dirname(os.path.dirname(os.path.realpath(require("swift"))))


@pytest.fixture(scope="module")
def release_dir():
    given = os.environ.get("TOCSIN_RELEASE_DIR")
    if given:
        return given
    out = os.path.join(ROOT, ".build", "dist")
    r = subprocess.run([os.path.join(ROOT, "scripts", "release"), "--out", out], capture_output=True, text=True,
                       timeout=3600)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    return out


def binary(release_dir, name):
    path = os.path.join(release_dir, name)
    assert os.access(path, os.X_OK), f"{path} missing: run scripts/release"
    return path


def offending(ldd_output):
    lib = os.path.join(toolchain_dir(), "lib", "swift") + os.sep
    return [line.strip() for line in ldd_output.splitlines()
            if any(n in line for n in RUNTIME_NAMES) or lib in line or "not found" in line]


def test_releaseBinaries_ldd_listNoSwiftRuntimeLibrary(release_dir):
    for name in ("tocsin", "tocsinctl"):
        r = subprocess.run(MINIMAL_ENV + ["ldd", binary(release_dir, name)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "libc.so" in r.stdout, r.stdout  # a dynamic glibc binary, as the runtime image expects
        assert offending(r.stdout) == [], r.stdout


def test_releaseTocsin_minimalEnvironmentNoToolchain_healthyAnswers200(release_dir):
    workdir = tempfile.mkdtemp(prefix="tocsin-release-")
    port = free_port()
    log = open(os.path.join(workdir, "log.txt"), "wb")
    proc = subprocess.Popen(MINIMAL_ENV + [
        binary(release_dir, "tocsin"), f"--config.file={os.path.join(ROOT, 'alertmanager.yml.example')}",
        f"--storage.path={os.path.join(workdir, 'data')}", f"--web.listen-address={HOST}:{port}",
        "--cluster.listen-address="], stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    try:
        def healthy():
            assert proc.poll() is None, open(log.name).read()
            try:
                return http("GET", f"http://{HOST}:{port}/-/healthy", timeout=1)[0] == 200
            except OSError:
                return False

        wait_until(healthy, timeout=30, what="release tocsin /-/healthy")
        # What the running process has mapped: no library of the toolchain, the environment
        # carries no library path.
        with open(f"/proc/{proc.pid}/maps") as f:
            maps = f.read()
        assert toolchain_dir() not in maps
        assert not [n for n in RUNTIME_NAMES if n + "." in maps or n + "-" in maps]
        with open(f"/proc/{proc.pid}/environ", "rb") as f:
            env = dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
        assert b"LD_LIBRARY_PATH" not in env and env.get(b"PATH") == b"/usr/bin:/bin"
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        with open(log.name, errors="replace") as f:
            output = f.read()
        shutil.rmtree(workdir, ignore_errors=True)
    assert proc.returncode == 0, f"tocsin exited {proc.returncode} on SIGTERM:\n{output}"


def test_releaseTocsinctl_minimalEnvironment_versionAndCheckConfigWork(release_dir):
    ctl = binary(release_dir, "tocsinctl")
    r = subprocess.run(MINIMAL_ENV + [ctl, "--version"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and (r.stdout + r.stderr).strip(), r.stdout + r.stderr
    r = subprocess.run(MINIMAL_ENV + [ctl, "check-config", os.path.join(ROOT, "alertmanager.yml.example")],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "SUCCESS" in r.stdout, r.stdout + r.stderr
