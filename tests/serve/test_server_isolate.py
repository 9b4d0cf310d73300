"""The forked worker: results come back, errors are reported, slow work is killed."""
import os
import socket
import time

import pytest

from graph.serve.isolate import Isolator, Timeout, WorkFailed


def pid_and_sum(values):
    return os.getpid(), sum(values)


def forever(_):
    while True:
        pass


def fail(_):
    raise ValueError("bad input")


def connect(_):
    socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_runs_in_another_process():
    pid, total = Isolator(5).run(pid_and_sum, [1, 2, 3])
    assert total == 6 and pid != os.getpid()


def test_errors_come_back_with_their_kind():
    with pytest.raises(WorkFailed) as problem:
        Isolator(5).run(fail, None)
    assert problem.value.kind == "ValueError" and "bad input" in str(problem.value)


def test_network_is_refused_unless_allowed():
    with pytest.raises(WorkFailed) as problem:
        Isolator(5).run(connect, None)
    assert problem.value.kind == "PermissionError"
    with pytest.raises(WorkFailed) as allowed:  # allowed: the connection itself fails instead
        Isolator(5, allow_network=True).run(connect, None)
    assert allowed.value.kind != "PermissionError"


def test_timeout_kills_the_work():
    started = time.monotonic()
    with pytest.raises(Timeout):
        Isolator(0.3).run(forever, None)
    assert time.monotonic() - started < 2


def test_busy_when_no_worker_slot_frees_up():
    isolator = Isolator(0.3, max_workers=1)
    isolator._slots.acquire()  # as if a long query held the only worker
    with pytest.raises(Timeout, match="busy"):
        isolator.run(pid_and_sum, [1])
    isolator._slots.release()
    assert isolator.run(pid_and_sum, [1])[1] == 1
