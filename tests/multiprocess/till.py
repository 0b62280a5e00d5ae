"""A till as the server sees it: JSON-RPC over HTTP with a session cookie, and a bus websocket.

Both nodes share the database and the data dir (sessions are files there), so one login is valid on
every node: a till may be sent to any node per call, as a load balancer would.
"""

import json
import threading
import time

import requests
import websocket


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        super().__init__(f"{data.get('name', 'error')}: {data.get('message') or error.get('message')}")
        self.name = data.get("name", "")
        self.error = error


class Till:
    def __init__(self, db, login, password, node, timeout=60):
        self.db = db
        self.login_name = login
        self.password = password
        self.node = node
        self.timeout = timeout
        self.http = requests.Session()
        # A browser's user agent: the device trace of an authenticated session is then a normal one.
        self.http.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 lp-multiprocess-till"
        self.context = {}

    def _post(self, node, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.http.post(node.url + path, json=payload, timeout=self.timeout)
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RpcError(body["error"])
        return body.get("result")

    def login(self):
        info = self._post(self.node, "/web/session/authenticate",
                          {"db": self.db, "login": self.login_name, "password": self.password})
        self.context = dict(info.get("user_context") or {})
        return info

    def call(self, model, method, args=(), kwargs=None, node=None, context=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **(context or {}), **kwargs.get("context", {})}
        return self._post(node or self.node, f"/web/dataset/call_kw/{model}/{method}",
                          {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)


class BusListener:
    """A till's websocket on one node's gevent port, subscribed to channels; records (time, message)."""

    def __init__(self, node, channels, cookie=""):
        self.node = node
        self.channels = list(channels)
        self.cookie = cookie
        self.messages = []
        self.lock = threading.Lock()
        self.opened = threading.Event()
        self.ws = None

    def _on_message(self, _ws, raw):
        now = time.perf_counter()
        for notification in json.loads(raw):
            with self.lock:
                self.messages.append((now, notification.get("message", {})))

    def _on_open(self, ws):
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": self.channels, "last": 0}}))
        self.opened.set()

    def start(self, timeout=15):
        headers = {"Origin": f"http://127.0.0.1:{self.node.gevent_port}"}
        self.ws = websocket.WebSocketApp(self.node.ws_url, header=headers, cookie=self.cookie or None,
                                         on_message=self._on_message, on_open=self._on_open)
        threading.Thread(target=self.ws.run_forever, daemon=True).start()
        if not self.opened.wait(timeout):
            raise RuntimeError(f"websocket on node {self.node.name} did not open")
        time.sleep(0.5)  # the subscription is processed after the open frame
        return self

    def wait_for(self, predicate, since_index=0, timeout=5.0):
        """First (time, message) after index ``since_index`` for which ``predicate(message)`` holds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                for stamp, message in self.messages[since_index:]:
                    if predicate(message):
                        return stamp, message
            time.sleep(0.002)
        return None

    def count(self):
        with self.lock:
            return len(self.messages)

    def stop(self):
        if self.ws:
            self.ws.close()
