"""Stopping the Waitress server from another thread (tests, the benchmark, an embedding
program) must not leave a worker writing to a closed descriptor: the process may have
given that number to a database file meanwhile."""

import os
import threading
import time
import urllib.request

from waitress.server import create_server

from tm.serve import stop

HEADER = b"SQLite format 3\x00"


def test_stop_leaves_no_worker_writing_to_a_reused_descriptor(tmp_path):
    def slow(environ, start_response):
        time.sleep(0.4)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = create_server(slow, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def request():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{server.effective_port}/", timeout=5).read()
        except OSError:
            pass

    threading.Thread(target=request, daemon=True).start()
    time.sleep(0.15)                        # the request is being answered
    stop(server, thread)
    assert not thread.is_alive() and not server.task_dispatcher.threads
    # files opened now get the descriptor numbers the server held (its wake-up pipe among them);
    # waitress's own close() from this thread let the worker write its wake-up byte into one
    fds = []
    for k in range(8):
        fd = os.open(tmp_path / f"f{k}.db", os.O_RDWR | os.O_CREAT)
        os.pwrite(fd, HEADER, 0)
        fds.append(fd)
    time.sleep(0.6)                         # long enough for the request to have been answered
    try:
        assert [os.pread(fd, 16, 0) for fd in fds] == [HEADER] * len(fds)
    finally:
        for fd in fds:
            os.close(fd)
