"""Two odoo-bin nodes in prefork mode on one database: started, watched and stopped by their pids.

Each node is its own process group (start_new_session), so the master, its HTTP and cron workers and
its gevent (websocket) process can always be stopped together by that group's id, and nothing the
checks started outlives them.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Node:
    def __init__(self, name, odoo_cmd, odoo_args, db, log_dir, workers=2, cron_workers=1):
        self.name = name
        self.odoo_cmd = list(odoo_cmd)
        self.odoo_args = list(odoo_args)
        self.db = db
        self.workers = workers
        self.cron_workers = cron_workers
        self.log_path = os.path.join(log_dir, f"node_{name}.log")
        self.proc = None
        self.http_port = self.gevent_port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.gevent_port}/websocket?version=18.0-5"

    def start(self):
        self.http_port, self.gevent_port = free_port(), free_port()
        cmd = [*self.odoo_cmd, *self.odoo_args, "-d", self.db, f"--db-filter=^{self.db}$",
               f"--workers={self.workers}", f"--max-cron-threads={self.cron_workers}",
               "--http-interface=127.0.0.1", f"--http-port={self.http_port}", f"--gevent-port={self.gevent_port}",
               "--log-level=info", f"--logfile={self.log_path}",
               # Bounded like a production node; the kill checks rely on the master respawning workers.
               "--limit-time-real=120", "--limit-time-cpu=60"]
        # stderr: what dies before logging is set up (the gevent process's import errors, say).
        with open(self.log_path + ".stderr", "ab") as err:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                                         start_new_session=True)
        return self

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        for port in (self.http_port, self.gevent_port):
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"node {self.name} exited with {self.proc.returncode} (log {self.log_path})")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"node {self.name} not ready on port {port} after {timeout} s")
                time.sleep(0.5)

    def children(self):
        """Pids of the master's children (HTTP workers, cron workers, the gevent process)."""
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as handle:
                return [int(pid) for pid in handle.read().split()]
        except OSError:
            return []

    @staticmethod
    def cmdline(pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                return handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return ""

    @staticmethod
    def nice(pid):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                return int(handle.read().rsplit(")", 1)[1].split()[16])
        except (OSError, ValueError, IndexError):
            return None

    def http_workers(self):
        """HTTP worker pids. The gevent process runs `odoo-bin gevent`; cron workers are forks like the
        HTTP ones but renice themselves by 10 (Odoo's WorkerCron.start)."""
        base = self.nice(self.proc.pid) or 0
        return [pid for pid in self.children()
                if " gevent" not in self.cmdline(pid) and (self.nice(pid) or 0) <= base]

    def cron_worker_pids(self):
        base = self.nice(self.proc.pid) or 0
        return [pid for pid in self.children()
                if " gevent" not in self.cmdline(pid) and (self.nice(pid) or 0) > base]

    def stop(self, timeout=20):
        """SIGTERM to the master (graceful: it stops its workers), then SIGKILL to its process group."""
        if not self.proc or self.proc.poll() is not None:
            self._kill_group()
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
        self._kill_group()
        if self.proc.poll() is None:
            self.proc.wait(10)

    def _kill_group(self):
        if not self.proc:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group is ours: start_new_session above
        except ProcessLookupError:
            pass

    def alive_in_group(self):
        """Processes still in this node's process group (0 once stopped)."""
        count = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.getpgid(int(entry)) != self.proc.pid:
                    continue
                with open(f"/proc/{entry}/stat") as handle:
                    state = handle.read().rsplit(")", 1)[1].split()[0]
            except (OSError, ProcessLookupError, PermissionError):
                continue
            if state not in ("Z", "X"):  # a zombie is dead; the container's init reaps it
                count += 1
        return count
