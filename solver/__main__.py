"""Command line: `python -m solver solve|check|generate ...` (see --help)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_OTHER, EXIT_INVALID = 0, 1, 2


def _write(doc: dict, output: str | None) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def _progress(update: dict) -> None:
    bound = update.get("bound")
    print(
        f"[{update.get('elapsed', 0):7.2f}s] {update.get('phase', ''):10} "
        f"cost {update.get('objective')}  bound {bound if bound is not None else '-'}  "
        f"served {update.get('served')}/{update.get('requests')}",
        file=sys.stderr, flush=True,
    )


def cmd_solve(args: argparse.Namespace) -> int:
    """Solve an instance file; print or write the solution document."""
    from solver.checks import InvalidInstance, document_name, invalid_solution, load_instance
    from solver.engine import solve

    t0 = time.perf_counter()
    try:
        inst = load_instance(Path(args.instance), lang=args.lang)
    except InvalidInstance as exc:
        sol = invalid_solution(_safe_name(args.instance, document_name), exc.errors)
        sol.wall_seconds = time.perf_counter() - t0
        _write(sol.to_dict(), args.output)
        for e in exc.errors:
            print(f"error: {e}", file=sys.stderr)
        return EXIT_INVALID
    sol = solve(inst, time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                progress=None if args.quiet else _progress, lang=args.lang)
    sol.wall_seconds = time.perf_counter() - t0
    _write(sol.to_dict(), args.output)
    print(f"{sol.status} cost {sol.objective} bound {sol.bound} "
          f"served {sol.stats.get('served')}/{sol.stats.get('requests')} "
          f"classes {len(sol.classes)} in {sol.wall_seconds:.1f}s", file=sys.stderr)
    return EXIT_OK if sol.status in ("OPTIMAL", "FEASIBLE") else EXIT_OTHER


def _safe_name(path: str, document_name) -> str:
    try:
        return document_name(json.loads(Path(path).read_text(encoding="utf-8")))
    except Exception:  # unreadable file: name it after the path
        return Path(path).stem


def cmd_check(args: argparse.Namespace) -> int:
    """Check a solution against its instance: every hard rule and the cost."""
    from solver.checks import InvalidInstance, load_instance
    from solver.validate import check_document

    try:
        inst = load_instance(Path(args.instance))
    except InvalidInstance as exc:
        for e in exc.errors:
            print(f"instance: {e}", file=sys.stderr)
        return EXIT_INVALID
    try:
        doc = json.loads(Path(args.solution).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"solution: cannot read {args.solution}: {exc}", file=sys.stderr)
        return EXIT_OTHER
    problems = check_document(inst, doc)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} breach(es)", file=sys.stderr)
        return EXIT_OTHER
    print(f"valid: cost {doc.get('objective')}, {len(doc.get('classes', []))} classes",
          file=sys.stderr)
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a realistic instance of a province, from the real 2025 administrative units."""
    from solver.generate import generate

    try:
        doc = generate(province=args.province, weeks=args.weeks, start=args.start,
                       requests=args.requests, seed=args.seed, tight=args.tight)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    _write(doc, args.output)
    print(f"{len(doc['communes'])} communes, {len(doc['officials'])} officials, "
          f"{len(doc['requests'])} requests", file=sys.stderr)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m solver", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="solve an instance file")
    s.add_argument("instance")
    s.add_argument("-o", "--output")
    s.add_argument("--time-limit", type=float, default=30.0)
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--lang", choices=("en", "vi"), default="en")
    s.add_argument("-q", "--quiet", action="store_true")
    s.set_defaults(func=cmd_solve)
    c = sub.add_parser("check", help="check a solution against its instance")
    c.add_argument("instance")
    c.add_argument("solution")
    c.set_defaults(func=cmd_check)
    g = sub.add_parser("generate", help="generate a realistic instance")
    g.add_argument("--province", default="Điện Biên")
    g.add_argument("--weeks", type=int, default=8)
    g.add_argument("--start")
    g.add_argument("--requests", type=int)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--tight", action="store_true")
    g.add_argument("-o", "--output")
    g.set_defaults(func=cmd_generate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
