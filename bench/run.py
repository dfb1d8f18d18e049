"""Benchmark the greedy and CP-SAT on generated provinces, each run in its own subprocess.

    python bench/run.py [--scenarios dien-bien,thanh-hoa] [--limits 10,60,300] [--workers 2]
                         [--quick]

Raw results go to bench/out/ (git-ignored); the markdown table to docs/benchmarks.md
(with --quick, which runs only the 10 s limit, everything goes to bench/out/quick/).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
SCENARIOS = {
    "dien-bien": {"province": "Điện Biên", "weeks": 8},
    "thanh-hoa": {"province": "Thanh Hóa", "weeks": 12},
    "dien-bien-tight": {"province": "Điện Biên", "weeks": 8, "tight": True},
}
GRACE_SECONDS = 1800  # on top of the time limit: model building and the greedy inside the solve

log = logging.getLogger("bench")


# ---- the child: one run, one process ----------------------------------------------------------
def process_age() -> float:
    """Seconds since this process started (from /proc), or 0 where /proc is missing."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def peak_rss_mb() -> float | None:
    """This process's peak resident memory (VmHWM) in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def measure(inst, sol) -> dict:
    """Served requests, classes, travel, validator cost and breaches of a solution."""
    from solver.validate import breaches, cost

    seats = {(o, c.topic) for c in sol.classes for o in c.officials}
    commune = {o.id: o.commune for o in inst.officials}
    travel = sum(inst.commune[commune[o]].travel_minutes.get(c.venue, 0)
                 for c in sol.classes if c.mode == "in_person" for o in c.officials)
    return {
        "requests": len(inst.request), "served": len(seats & set(inst.request)),
        "unserved": len(sol.unserved), "classes": len(sol.classes), "travel_minutes": travel,
        "validator_cost": cost(inst, sol.classes, sol.unserved),
        "breaches": len(breaches(inst, sol.classes, sol.unserved)),
    }


def child(kind: str, instance: Path, limit: float, workers: int, result: Path) -> None:
    """Run the greedy or CP-SAT once on an instance file and write the measures as JSON."""
    from solver.checks import load_instance

    inst = load_instance(instance)
    started = process_age()
    t0 = time.perf_counter()
    if kind == "greedy":
        from solver.greedy import greedy_solution

        sol = greedy_solution(inst)
    else:
        from solver.model import solve

        sol = solve(inst, time_limit=limit, workers=workers, seed=0)
    wall = time.perf_counter() - t0
    row = {"status": sol.status, "objective": sol.objective, "bound": sol.bound,
           "solve_seconds": round(wall, 2), **measure(inst, sol)}
    if row["objective"] is None:
        row["objective"] = row["validator_cost"]
    first = sol.stats.get("first_solution_seconds", wall if kind == "greedy" else None)
    row["first_solution_seconds"] = None if first is None else round(started + first, 2)
    row["gap_percent"] = gap(row["objective"], row["bound"])
    row["child_peak_rss_mb"] = peak_rss_mb()
    result.write_text(json.dumps(row, indent=1))


def gap(objective: int | None, bound: int | None) -> float | None:
    """The relative gap between a cost and a lower bound, in percent of the cost."""
    if objective is None or bound is None:
        return None
    return round(100.0 * (objective - bound) / max(1, abs(objective)), 2)


# ---- the parent: scenarios, subprocesses, report -----------------------------------------------
def run_child(args: list[str], log_path: Path, timeout: float) -> tuple[int, float]:
    """Run one child to completion; its exit code and its own peak RSS in MB (wait4)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    with log_path.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, round(usage.ru_maxrss / 1024, 1)
            if time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.2)


def one_run(out: Path, name: str, kind: str, instance: Path, limit: float, workers: int) -> dict:
    """One measured run of the greedy or of CP-SAT at a time limit."""
    tag = f"{name}.{kind}" + (f".{limit:g}s" if kind == "cpsat" else "")
    result, log_path = out / f"{tag}.json", out / f"{tag}.log"
    result.unlink(missing_ok=True)
    load = round(os.getloadavg()[0], 2)
    log.info("running %s (load %.2f)", tag, load)
    code, rss = run_child([kind, str(instance), str(limit), str(workers), str(result)],
                          log_path, limit + GRACE_SECONDS)
    row = json.loads(result.read_text()) if code == 0 and result.exists() else {
        "status": f"CRASHED (exit {code}, see {log_path.relative_to(ROOT)})"}
    row.update({"scenario": name, "solver": kind, "time_limit": limit if kind == "cpsat" else None,
                "workers": workers if kind == "cpsat" else 1, "peak_rss_mb": rss,
                "load_before": load})
    return row


def scenario_instance(out: Path, name: str) -> tuple[Path, dict]:
    """Generate a scenario's instance into bench/out; its path and its size."""
    from solver.generate import generate

    doc = generate(**SCENARIOS[name], seed=0)
    path = out / f"{name}.instance.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    size = {k: len(doc[k]) for k in ("communes", "officials", "requests", "trainers", "venues")}
    size.update(start=doc["calendar"]["start"], end=doc["calendar"]["end"], name=doc["name"])
    return path, size


def machine() -> str:
    """nproc, RAM, CPU model, Python and OR-Tools versions."""
    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from ortools import __version__ as ortools_version

    return (f"{os.cpu_count()} CPUs (nproc), {ram_gb:.1f} GiB RAM, {cpu}; "
            f"Python {platform.python_version()}, OR-Tools {ortools_version}, {platform.system()}")


def revision() -> str:
    """The git commit the run measured, marked when the solver has local changes."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return run.stdout.strip()

    dirty = git("status", "--porcelain", "--", "solver")
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" (solver modified)" if dirty else "")


def _cell(value) -> str:
    """A table cell: '–' for missing values, thousands separated for integers."""
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _load_note(rows: list[dict]) -> str:
    """The range of the 1-minute load average seen before the runs (other work skews times)."""
    loads = [r["load_before"] for r in rows if "load_before" in r]
    if not loads:
        return ""
    return f"1-minute load average before the runs: {min(loads):.2f}–{max(loads):.2f}."


def markdown(command: str, sizes: dict, rows: list[dict]) -> str:
    """The report: command, machine, instance sizes, one row per run."""
    lines = [
        "# Benchmarks", "",
        f"Made on {datetime.now(UTC):%d/%m/%Y %H:%M} UTC with `{command}`.", "",
        f"Machine: {machine()}. Commit: {revision()}. {_load_note(rows)}", "",
        "Each run is its own subprocess; peak RSS is that process's maximum resident memory "
        "(wait4). Times are wall-clock seconds; *first solution* counts from the start of the "
        "process (Python start-up and reading the instance included). Gap = (objective − bound) "
        "/ objective. Breaches are the independent validator's (`solver.validate`); 0 means valid.",
        "", "## Instances (generated with seed 0)", "",
        "| scenario | round | communes | officials | requests | trainers | venues |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in sizes.items():
        lines.append(f"| {name} | {s['start']} → {s['end']} | {s['communes']} | "
                     f"{s['officials']:,} | {s['requests']:,} | {s['trainers']} | {s['venues']} |")
    lines += ["", "## Runs", "",
              "| scenario | solver | limit s | status | objective | bound | gap % | first sol. s "
              "| solve s | served / requests | classes | travel min | peak RSS MB | breaches |",
              "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        served = (f"{r['served']:,} / {r['requests']:,}" if "served" in r else "–")
        cells = [r["scenario"], r["solver"], r["time_limit"], r["status"], r.get("objective"),
                 r.get("bound"), r.get("gap_percent"), r.get("first_solution_seconds"),
                 r.get("solve_seconds"), served, r.get("classes"), r.get("travel_minutes"),
                 r.get("peak_rss_mb"), r.get("breaches")]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenarios", default=",".join(SCENARIOS),
                   help=f"comma-separated, from: {', '.join(SCENARIOS)}")
    p.add_argument("--limits", default="10,60,300", help="CP-SAT time limits in seconds")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT workers")
    p.add_argument("--quick", action="store_true", help="only 10 s; output in bench/out/quick")
    p.add_argument("--md", type=Path, default=None, help="where to write the markdown report")
    args = p.parse_args(argv)
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = [s for s in args.scenarios if s not in SCENARIOS]
    if unknown:
        p.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    args.limits = [10.0] if args.quick else [float(x) for x in args.limits.split(",") if x]
    if args.md is None:
        args.md = OUT / "quick" / "benchmarks.md" if args.quick else DOC
    return args


def main(argv: list[str]) -> int:
    """Run every scenario: the greedy, then CP-SAT at each limit; write JSON and markdown."""
    if argv[:1] == ["--child"]:
        kind, instance, limit, workers, result = argv[1:6]
        sys.path.insert(0, str(ROOT))
        child(kind, Path(instance), float(limit), int(workers), Path(result))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sys.path.insert(0, str(ROOT))
    args = parse_args(argv)
    command = "python bench/run.py" + ("" if not argv else " " + shlex.join(argv))
    out = OUT / "quick" if args.quick else OUT
    out.mkdir(parents=True, exist_ok=True)
    sizes, rows = {}, []
    for name in args.scenarios:
        instance, sizes[name] = scenario_instance(out, name)
        rows.append(one_run(out, name, "greedy", instance, 0.0, 1))
        rows += [one_run(out, name, "cpsat", instance, lim, args.workers) for lim in args.limits]
        report = {"command": command, "machine": machine(), "revision": revision(),
                  "instances": sizes, "runs": rows}
        (out / "results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text(markdown(command, sizes, rows))
    print(f"wrote {args.md} and {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
