"""Re-make the screenshots of the main pages: runs the browser walk-through with SCREENSHOT_DIR set.

Usage, from the project root:  .venv/bin/python docs/screenshots/make.py
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

if __name__ == "__main__":
    env = {**os.environ, "SCREENSHOT_DIR": str(Path(__file__).resolve().parent)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "tests/browser/test_walkthrough.py"]
    sys.exit(subprocess.call(command, cwd=ROOT, env=env))
