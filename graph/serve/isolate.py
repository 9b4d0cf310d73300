"""Run one piece of read-only work in a forked child process that can be killed.

rdflib has no query timeout and evaluates in pure Python, so a thread cannot be stopped.
A forked child inherits the in-memory dataset for free (copy-on-write), answers through
a pipe, and is SIGKILLed when its time is up: the work really stops. Unless allowed, the
child also refuses network access through an audit hook (rdflib's documented defence),
so SPARQL SERVICE cannot reach out.

Work waits for its slots asynchronously and runs on threads of its own, never on the
event loop's default pool: a client holding many slow queries open must not starve other
clients, nor the static files, which that pool also serves.
"""
from __future__ import annotations

import gc
import math
import multiprocessing
import os
import sys
import threading
import traceback
from typing import Any, Callable

import anyio

_FORK = multiprocessing.get_context("fork")
_BLOCKED_EVENTS = {"urllib.Request", "socket.connect", "socket.getaddrinfo"}


class Timeout(Exception):
    """The work ran out of time and was killed."""


class WorkFailed(Exception):
    """The work raised; the message is the child's exception, for the client to read."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _guard(event: str, args: tuple) -> None:
    """Audit hook of the child: no outgoing network connections."""
    if event in _BLOCKED_EVENTS:
        raise PermissionError(f"network access is disabled on this endpoint ({event})")


def _child(conn, allow_network: bool, fn: Callable[..., Any], args: tuple) -> None:
    gc.disable()  # a short-lived child: collecting would touch, so copy, the inherited pages
    if not allow_network:
        sys.addaudithook(_guard)
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as error:  # everything goes back to the parent as a message
        conn.send(("error", (type(error).__name__, str(error) or traceback.format_exc(limit=1))))
    finally:
        conn.close()


class Isolator:
    """Forks one child per call, at most `max_workers` at once (default: twice the CPUs; more
    only thrash them) and at most `per_client` for one client (default: the CPUs), so that one
    client leaves workers free for the others; `fork_lock` keeps a fork from copying a
    half-done write."""

    def __init__(self, timeout_s: float, allow_network: bool = False, max_workers: int | None = None,
                 per_client: int | None = None):
        self.timeout_s = timeout_s
        self.allow_network = allow_network
        self.fork_lock = threading.Lock()
        workers = max_workers or 2 * (os.cpu_count() or 1)
        self.per_client = per_client or os.cpu_count() or 1
        self._slots = anyio.Semaphore(workers)
        self._threads = anyio.CapacityLimiter(workers)
        self._clients: dict[str, anyio.Semaphore] = {}

    async def submit(self, client: str, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) computed in a child, once `client` has a slot of its own and a worker is
        free. A client's further calls wait for its earlier ones rather than being refused
        (clients behind one proxy share an address), but only up to the time limit: then
        they raise Timeout, as does the work itself; a failure raises WorkFailed."""
        own = self._clients.setdefault(client, anyio.Semaphore(self.per_client))
        try:
            with anyio.move_on_after(self.timeout_s) as waiting:
                async with own, self._slots:
                    waiting.deadline = math.inf  # the wait is over; the child has its own limit
                    return await anyio.to_thread.run_sync(self.run, fn, *args, limiter=self._threads)
        finally:
            if own.value == self.per_client and not own.statistics().tasks_waiting:
                self._clients.pop(client, None)
        raise Timeout(f"the server is busy: no query worker became free within {self.timeout_s:g} s")

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) computed in a child now, whatever the slots; raises Timeout or WorkFailed.
        Blocking: `submit` calls it from a thread."""
        receiver, sender = _FORK.Pipe(duplex=False)
        child = _FORK.Process(target=_child, args=(sender, self.allow_network, fn, args), daemon=True)
        with self.fork_lock:
            child.start()
        sender.close()
        try:
            if not receiver.poll(self.timeout_s):
                raise Timeout(f"query exceeded the time limit of {self.timeout_s:g} s and was stopped")
            status, value = receiver.recv()
        except EOFError:
            raise WorkFailed("Crash", f"the query worker died (exit code {child.exitcode})") from None
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join()
        if status == "error":
            raise WorkFailed(*value)
        return value
