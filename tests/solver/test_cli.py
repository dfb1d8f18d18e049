"""The command line `python -m solver solve|check|generate`, run as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import FIXTURES, tiny_doc

from solver.checks import instance_errors, load_instance
from solver.validate import check_document

ROOT = Path(__file__).resolve().parents[2]
TINY = FIXTURES / "tiny-instance.json"


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `python -m solver ARGS` from the project root."""
    return subprocess.run([sys.executable, "-m", "solver", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def write(path: Path, doc: dict) -> Path:
    """Write a JSON document; the path."""
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """`solve` on the tiny example, written to a file."""
    out = tmp_path_factory.mktemp("cli") / "tiny-solution.json"
    return run("solve", str(TINY), "-o", str(out), "--time-limit", "5", "--workers", "2"), out


def test_solve_tiny_exits_0_and_prints_optimal(solved):
    proc, out = solved
    assert proc.returncode == 0, proc.stderr
    assert "OPTIMAL" in proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["status"] == "OPTIMAL" and doc["objective"] == doc["bound"]
    assert check_document(load_instance(TINY), doc) == []


def test_check_accepts_the_solution_solve_wrote(solved):
    _, out = solved
    proc = run("check", str(TINY), str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stderr and proc.stdout.strip() == ""


def test_solve_without_output_prints_the_document(tmp_path):
    proc = run("solve", str(TINY), "--time-limit", "5", "-q", "--lang", "vi")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert check_document(load_instance(TINY), doc) == []
    assert all(u["reason"] for u in doc["unserved"])


def test_check_lists_the_breach_of_a_tampered_solution(solved, tmp_path):
    _, out = solved
    doc = json.loads(out.read_text(encoding="utf-8"))
    cls = max(doc["classes"], key=lambda c: len(c["officials"]))
    dropped = cls["officials"].pop()
    proc = run("check", str(TINY), str(write(tmp_path / "tampered.json", doc)))
    assert proc.returncode == 1
    assert dropped in proc.stdout
    assert "rule 8" in proc.stdout and "objective" in proc.stdout
    assert "breach" in proc.stderr


def test_check_of_an_unreadable_solution_exits_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    proc = run("check", str(TINY), str(bad))
    assert proc.returncode == 1 and "cannot read" in proc.stderr


def broken_tiny() -> dict:
    """The tiny example with a repeated trainer id and a topic whose min_size exceeds max_size."""
    doc = tiny_doc()
    doc["trainers"][1]["id"] = doc["trainers"][0]["id"]
    doc["topics"][2]["min_size"] = 40
    return doc


def test_solve_broken_instance_exits_2_with_named_errors(tmp_path):
    out = tmp_path / "sol.json"
    proc = run("solve", str(write(tmp_path / "broken.json", broken_tiny())), "-o", str(out))
    assert proc.returncode == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["status"] == "INVALID_INPUT" and doc["classes"] == []
    assert doc["instance"] == "tiny"
    assert len(doc["errors"]) >= 2
    joined = " ".join(doc["errors"])
    assert "R1" in joined and "T3" in joined and "min_size" in joined
    assert all(f"error: {e}" in proc.stderr for e in doc["errors"])


@pytest.mark.parametrize(("content", "name"), [("{not json", "garbage"), ("[1, 2]", "list")])
def test_solve_unreadable_instance_answers_invalid_input(tmp_path, content, name):
    path = tmp_path / f"{name}.json"
    path.write_text(content, encoding="utf-8")
    proc = run("solve", str(path))
    assert proc.returncode == 2, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["status"] == "INVALID_INPUT" and doc["errors"] and doc["classes"] == []
    assert "Traceback" not in proc.stderr


def test_check_against_a_broken_instance_exits_2(solved, tmp_path):
    _, out = solved
    proc = run("check", str(write(tmp_path / "broken.json", broken_tiny())), str(out))
    assert proc.returncode == 2 and "min_size" in proc.stderr


def test_generate_writes_a_valid_instance_that_solves(tmp_path):
    path = tmp_path / "dien-bien.json"
    proc = run("generate", "--province", "Điện Biên", "--weeks", "2", "--requests", "200",
               "-o", str(path))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert instance_errors(doc) == []
    assert len(doc["communes"]) == 45
    assert abs(len(doc["requests"]) - 200) <= 20
    out = tmp_path / "sol.json"
    solved = run("solve", str(path), "-o", str(out), "--time-limit", "3", "-q")
    assert solved.returncode == 0, solved.stderr
    assert run("check", str(path), str(out)).returncode == 0


def test_generate_unknown_province_exits_2():
    proc = run("generate", "--province", "Atlantis", "--weeks", "1")
    assert proc.returncode == 2 and "error" in proc.stderr
