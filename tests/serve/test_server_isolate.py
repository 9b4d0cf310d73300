"""The forked worker: results come back, errors are reported, slow work is killed, and one
client's work waits for its own slots, not the others'."""
import os
import socket
import time

import anyio
import pytest

from graph.serve.isolate import Isolator, Timeout, WorkFailed


def pid_and_sum(values):
    return os.getpid(), sum(values)


def forever(_):
    while True:
        pass


def nap(seconds):
    time.sleep(seconds)
    return time.monotonic()


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
    async def scenario():
        isolator = Isolator(0.3, max_workers=1)
        await isolator._slots.acquire()  # as if a long query held the only worker
        with pytest.raises(Timeout, match="busy"):
            await isolator.submit("a", pid_and_sum, [1])
        isolator._slots.release()
        assert (await isolator.submit("a", pid_and_sum, [1]))[1] == 1
        assert isolator._clients == {}  # idle clients are forgotten
    anyio.run(scenario)


def test_a_client_waits_for_its_own_slot_while_another_goes_ahead():
    async def scenario():
        isolator = Isolator(5, max_workers=4, per_client=1)
        ends = {}

        async def call(name, client, fn, arg):
            ends[name] = (await isolator.submit(client, fn, arg), time.monotonic())
        async with anyio.create_task_group() as group:
            group.start_soon(call, "a1", "a", nap, 0.6)
            await anyio.sleep(0.05)
            group.start_soon(call, "a2", "a", nap, 0)
            started = time.monotonic()
            await call("b", "b", nap, 0)
            assert ends["b"][1] - started < 0.4 and "a1" not in ends
        assert ends["a2"][0] >= ends["a1"][0]  # a's second call ran after its first
    anyio.run(scenario)
