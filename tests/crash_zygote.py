"""Fork server for the crash test: imports and warms newsevents once, then forks a
``newsevents ingest`` process per request, so that many SIGKILLs fit in a short test.

Protocol on stdin/stdout, one line each: ``run ARGS-JSON`` -> ``PID``; ``runwal ARGS-JSON``
-> ``PID`` (an ingest that keeps the file open and kills itself with SIGKILL instead of
closing the store, so every batch it committed is only in DuckDB's write-ahead log);
``killafter PID SECONDS`` -> the status, after SIGKILL if the process still runs by then;
``wait PID`` -> ``exit N`` or ``signal N``; ``quit``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

BATCH = 4


def main() -> None:
    from newsevents.cli import app
    from newsevents.pipeline import default_pipeline
    from newsevents.records import RawDocument
    from newsevents.runners import local

    # Four articles per transaction instead of 64: a small corpus then commits several times
    # per run, so kills also land between commits and reruns resume part-filled stores.
    assert local.ingest_raw.__kwdefaults__ is not None
    local.ingest_raw.__kwdefaults__["batch_size"] = BATCH

    # Load the lexicons and gazetteer before forking (no store is opened here).
    text = "Iranian President Masoud Pezeshkian met Russian President Vladimir Putin in Kazan."
    default_pipeline()(RawDocument(source="warm.txt", text=text))
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd in ("run", "runwal"):
            pid = os.fork()
            if pid == 0:
                if cmd == "runwal":
                    _die_before_close()
                code = 0
                try:
                    app(args=json.loads(arg), prog_name="newsevents")
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
                os._exit(code)
            print(pid, flush=True)
        elif cmd == "killafter":  # SIGKILL the child after SECONDS unless it ended before
            pid_text, seconds = arg.split()
            pid, deadline = int(pid_text), time.monotonic() + float(seconds)
            done, status = os.waitpid(pid, os.WNOHANG)
            while not done and time.monotonic() < deadline:
                time.sleep(0.01)
                done, status = os.waitpid(pid, os.WNOHANG)
            if not done:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
            print(_status(status), flush=True)
        elif cmd == "wait":
            _, status = os.waitpid(int(arg), 0)
            print(_status(status), flush=True)
        elif cmd == "quit":
            return


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit {os.WEXITSTATUS(status)}"


def _die_before_close() -> None:
    from newsevents.store import Store

    def die(self: Store) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    Store.release = lambda self: None  # type: ignore[method-assign]
    Store.close = die  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
