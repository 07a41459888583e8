#!/usr/bin/env python3
"""The README's commands, run as written: a newcomer must be able to follow it to the end.

Which blocks run (README.md follows this convention):
  * A block fenced ```sh is run. Every other block is shown only: ```console for what must not
    run here (building and installing, `make test` itself, a server kept in the foreground such as
    `sokuo serve` or `sokuo demo`), ```yaml and ```json for file contents.
  * The sh blocks run in the order they appear, in one bash process with `set -euo pipefail`, so a
    variable that one block sets ($TOKEN) is seen by the next, and a command that fails (a refused
    step, an HTTP error with curl --fail-with-body) fails the test, naming the command and the
    README line where its block starts.

Where they run:
  * In a new empty directory holding a copy of the repository's examples/ (the README's paths are
    relative to the top of a clone), with no SOKUO_DATA, so the default ./var is created there and
    nothing is written into the source tree.
  * With the built sokuo first on PATH, SOKUO_LANG=en.
  * Every 127.0.0.1:8080 in a block becomes 127.0.0.1:<a free port>, so that the test runs beside a
    real server and beside other tests.
  * The README's example keys name the year it was written in (INC-2026-0001, DIS-2026-0001);
    keys count per year of the company's calendar (Asia/Tokyo in the example), so they become
    this year's keys there.
  * Whatever the blocks leave running in the background is stopped at the end (the whole process
    group the test started).

Usage: readme_test.py README.md SOKUO_BINARY
Exit 0 when every block ran; 1 otherwise, with the output of the blocks.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT_SECONDS = 600
PORT_IN_README = "127.0.0.1:8080"
KEY_IN_README = re.compile(r"\b(INC|DIS)-2026-")


def this_year_in_tokyo():
    return time.strftime("%Y", time.gmtime(time.time() + 9 * 3600))
FENCE = re.compile(r"^```(\S*)\s*$")


def blocks(readme_text):
    """(language, first line number, text) of every fenced block."""
    out = []
    lines = readme_text.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i + 1
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise SystemExit(f"README line {start}: the block is not closed with ```")
        out.append((m.group(1), start, "\n".join(body) + "\n"))
        i += 1
    return out


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_group(pgid):
    """Stops what the blocks left running in the background (they are in this process group)."""
    for sig, wait in ((signal.SIGTERM, 100), (signal.SIGKILL, 50)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        for _ in range(wait):
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def script_for(runnable, port):
    parts = [
        "set -euo pipefail",
        "trap 'echo \"README test: failed (exit $?) in the block at README line "
        "$README_LINE: $BASH_COMMAND\" >&2' ERR",
    ]
    for _, line, text in runnable:
        parts.append(f"README_LINE={line}")
        parts.append(f"echo '--- README line {line}'")
        text = KEY_IN_README.sub(lambda m: f"{m.group(1)}-{this_year_in_tokyo()}-", text)
        parts.append(text.replace(PORT_IN_README, f"127.0.0.1:{port}"))
    return "\n".join(parts) + "\n"


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    readme, binary = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    source = os.path.dirname(readme)
    with open(readme, encoding="utf-8") as f:
        all_blocks = blocks(f.read())
    runnable = [b for b in all_blocks if b[0] == "sh"]
    shown = [b for b in all_blocks if b[0] != "sh"]
    print(f"README: {len(runnable)} sh blocks to run, {len(shown)} shown only")
    if len(runnable) < 3:
        print("README test: expected the README's tour in ```sh blocks", file=sys.stderr)
        return 1
    if not os.access(binary, os.X_OK):
        print(f"README test: {binary} is not an executable", file=sys.stderr)
        return 1

    work = tempfile.mkdtemp(prefix="sokuo-readme-")
    try:
        shutil.copytree(os.path.join(source, "examples"), os.path.join(work, "examples"))
        bin_dir = os.path.join(work, ".bin")
        os.mkdir(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "sokuo"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOKUO_")}
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin")
        env["SOKUO_LANG"] = "en"
        env["HOME"] = work
        script = script_for(runnable, free_port())
        with open(os.path.join(work, ".readme.sh"), "w", encoding="utf-8") as f:
            f.write(script)
        # A file, not a pipe: a server left in the background must not hold the test open.
        log_path = os.path.join(work, ".readme.log")
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(["bash", ".readme.sh"], cwd=work, env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            try:
                code = proc.wait(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                code = None
            if code is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            stop_group(proc.pid)
        with open(log_path, "rb") as log:
            output = log.read().decode("utf-8", "replace")
        if code is None:
            output += f"\nREADME test: still running after {TIMEOUT_SECONDS} s\n"
        sys.stdout.write(output)
        if code != 0:
            print(f"README test: the blocks ended with exit code {code}", file=sys.stderr)
            return 1
        print("README test: every sh block ran")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
