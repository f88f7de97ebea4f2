"""The benchmark report: a markdown table of tocsin vs Alertmanager with ratios, plus the
run's metadata (date, machine, commit, command) for docs/benchmarks.md."""
import os
import platform
import shlex
import subprocess
import time


def _cmd(args, cwd=None):
    try:
        return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def metadata(root, argv, started, args, binaries):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GiB" % (int(f.readline().split()[1]) / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    commit = _cmd(["git", "rev-parse", "--short=12", "HEAD"], cwd=root)
    # `git diff --quiet` only reads; exit status 1 means local changes on top of the commit.
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--"], cwd=root,
                           capture_output=True).returncode == 1 if commit else False
    am_version = _cmd(shlex.split(binaries.get("alertmanager", "prometheus-alertmanager")) + ["--version"])
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(started)),
        "machine": "%s, %d cores, %s, %s %s" % (cpu or platform.machine(), os.cpu_count() or 0, mem,
                                                 platform.system(), platform.release()),
        "load": "%.2f %.2f %.2f" % os.getloadavg(),
        "commit": commit + (" + uncommitted changes" if dirty else ""),
        "command": " ".join(shlex.quote(x) for x in ["scripts/bench/bench.py"] + argv[1:]),
        "am_version": am_version.splitlines()[0] if am_version else "",
        "binaries": binaries,
        "duration_s": round(time.time() - started),
    }


def _get(d, *path):
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _fmt(v, unit=""):
    if v is None:
        return "–"
    if isinstance(v, float) and v >= 100:
        v = round(v)
    return "%s%s" % (v, unit)


def _ratio(t, am, higher_better):
    if t in (None, 0) or am in (None, 0):
        return "–"
    r = t / am if higher_better else am / t
    return "%.1f×" % r


# (label, path, unit, higher is better, target text)
ROWS = [
    ("ingest, alerts/s", ("ingest", "alerts_per_s"), "", True, "≥ 3× AM"),
    ("ingest, request p50", ("ingest", "p50_ms"), " ms", False, ""),
    ("ingest, request p99", ("ingest", "p99_ms"), " ms", False, ""),
    ("ingest, server CPU time", ("ingest", "server_cpu_s"), " s", False, ""),
    ("RSS after ingest (VmRSS)", ("ingest", "rss_mib"), " MiB", False, "≤ ½ AM (ratio ≥ 2×)"),
    ("GET /api/v2/alerts, all (median)", ("get", "median_ms"), " ms", False, "≥ 5× faster"),
    ("GET /api/v2/alerts?filter= (1%, median)", ("get_filter", "median_ms"), " ms", False, "≥ 5× faster"),
    ("POST /api/v2/silences, silences/s", ("create_silences", "per_s"), "", True, ""),
    ("GET /api/v2/silences (median)", ("get_silences", "median_ms"), " ms", False, "≥ 5× faster"),
    ("GET /api/v2/alerts + silences, first (cold)", ("silencer", "cold_ms"), " ms", False, "report"),
    ("GET /api/v2/alerts + silences, cached (median)", ("silencer", "warm_median_ms"), " ms", False, "report"),
    ("RSS at the end (VmRSS)", ("rss_end_mib",), " MiB", False, ""),
    ("loaded ingest (silences + inhibition rules), alerts/s", ("loaded", "alerts_per_s"), "", True, "≥ 3× AM"),
    ("loaded ingest, request p50", ("loaded", "p50_ms"), " ms", False, ""),
    ("loaded ingest, request p99", ("loaded", "p99_ms"), " ms", False, ""),
    ("loaded ingest, server CPU time", ("loaded", "server_cpu_s"), " s", False, ""),
]


def markdown(results, meta, args):
    t, am = results.get("tocsin", {}), results.get("alertmanager", {})
    lines = [
        "| measurement (%d alerts, %d silences) | tocsin | Alertmanager 0.25 | ratio (tocsin's advantage) | target |"
        % (args.alerts, args.silences),
        "|---|---|---|---|---|",
    ]
    for label, path, unit, hib, target in ROWS:
        tv, av = _get(t, *path), _get(am, *path)
        if tv is None and av is None:
            continue
        lines.append("| %s | %s | %s | %s | %s |" % (label, _fmt(tv, unit), _fmt(av, unit), _ratio(tv, av, hib), target))
    checks = []
    for name, r in results.items():
        checks.append("%s: listed %s alerts (%s MB), filter listed %s, %s silences listed, %s alerts suppressed; "
                      "ingest errors %s" % (
                          name, _get(r, "get", "items"), round((_get(r, "get", "bytes") or 0) / 1e6, 1),
                          _get(r, "get_filter", "items"), _get(r, "get_silences", "items"),
                          _get(r, "silencer", "suppressed"), _get(r, "ingest", "errors") or "none"))
    for name, r in results.items():
        if _get(r, "loaded") is not None:
            checks.append("%s loaded ingest: %s silences, %s inhibition rules loaded first; accepted %s alerts; "
                          "errors %s" % (name, _get(r, "loaded", "silences_created"), _get(r, "loaded", "inhibit_rules"),
                                         _get(r, "loaded", "accepted"), _get(r, "loaded", "errors") or "none"))
    lines.append("")
    lines.extend("- " + c for c in checks)
    return "\n".join(lines)


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def section(table, meta):
    """The generated part of docs/benchmarks.md: run metadata, then the table."""
    out = [BEGIN, "", "### Latest run", "",
           "- date: %s (run took %s s)" % (meta["date"], meta["duration_s"]),
           "- machine: %s; load average at the end: %s" % (meta["machine"], meta["load"]),
           "- commit: %s" % (meta["commit"] or "unknown"),
           "- command: `%s`" % meta["command"]]
    for name, b in sorted(meta["binaries"].items()):
        out.append("- %s binary: `%s`" % (name, b))
    if meta["am_version"]:
        out.append("- reference: %s" % meta["am_version"])
    out += ["", table, "", END]
    return "\n".join(out)


def write_doc(path, table, meta):
    """Replaces the generated section of `path` (between the bench markers), keeping the
    hand-written text around it; appends the section when the markers are missing."""
    try:
        with open(path) as f:
            old = f.read()
    except OSError:
        old = "# Benchmarks\n\n"
    new = section(table, meta)
    i, j = old.find(BEGIN), old.find(END)
    text = old[:i] + new + old[j + len(END):] if 0 <= i < j else old.rstrip("\n") + "\n\n" + new + "\n"
    with open(path, "w") as f:
        f.write(text)
    print("wrote %s" % path)
