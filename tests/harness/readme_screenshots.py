"""The README's screenshots, taken on the bin/suite-run demo database by headless Chromium.

    LP_DEMO_DB=pos_lp_demo_docs bin/suite-run --port 8269 &          # in another terminal
    $ODOO_HOME/venv/bin/python tests/harness/readme_screenshots.py --url http://127.0.0.1:8269 \
        --db pos_lp_demo_docs [--only stock,approver,...]

It opens the Furniture Shop's session if none is open (opening float 0), then drives the pages over the
Chrome DevTools protocol (websocket-client, as Odoo's own tours) and writes each addon's
static/description/<name>.png. It changes the demo database as a shop would: the session is opened, a
draft order is left on the till, a closing is attempted with a wrong count (refused by the guard), and
the ledger reconciliation cron runs. Use a database of its own (LP_DEMO_DB), not one you care about.
The CashDro closing popup has its own on-demand test: LP_TEST_TAGS=lp_readme bin/suite-test pos_cashdro.
"""

import argparse
import base64
import json
import pathlib
import shutil
import subprocess
import tempfile
import time
import urllib.request

import requests
import websocket

REPO = pathlib.Path(__file__).resolve().parents[2]
SHOP = "Furniture Shop"
OPEN_REGISTER = "const b = document.querySelector('.open-register-btn'); if (b) { b.click(); await sleep(2500); }"
PRELUDE = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));"

APPROVER_JS = PRELUDE + OPEN_REGISTER + """
const pos = window.posmodel;
const p = pos.models["product.product"].find((x) => x.name === "Cabinet with Doors");
if (p) { await Promise.race([pos.addLineToCurrentOrder({ product_id: p }, {}), sleep(1500)]); }
const { requestApproval } = odoo.loader.modules.get("@pos_loss_prevention_base/app/approval_flow/approval_flow");
requestApproval(pos, { action: "discount", value: 20, orderUuid: pos.get_order().uuid,
                       title: "Discount of 20 % on Cabinet with Doors" });
"""
CLOSING_JS = PRELUDE + OPEN_REGISTER + "window.posmodel.closeSession(); await sleep(3000);"
CLOSE_BUTTON_JS = """
const btn = [...document.querySelectorAll('.modal button')].find((x) => /^\\s*Close Register\\s*$/.test(x.textContent));
if (btn) { btn.click(); }
"""
SETTINGS_JS = "[...document.querySelectorAll('h2')].find((h) => /Loss Prevention/.test(h.textContent))" \
    ".scrollIntoView({block: 'start'});"


class Odoo:
    def __init__(self, url, db, login, password):
        self.url, self.session = url, requests.Session()
        r = self.session.post(f"{url}/web/session/authenticate", timeout=60, json={
            "jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}})
        r.raise_for_status()
        if r.json().get("error"):
            raise SystemExit(f"login {login} refused: {r.json()['error']}")
        self.sid = self.session.cookies["session_id"]

    def call(self, model, method, *args, **kwargs):
        r = self.session.post(f"{self.url}/web/dataset/call_kw", timeout=120, json={
            "jsonrpc": "2.0", "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}})
        answer = r.json()
        if answer.get("error"):
            raise SystemExit(f"{model}.{method}: {answer['error'].get('data', {}).get('message')}")
        return answer.get("result")

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                         fields=["res_id"])
        return rows[0]["res_id"]


class Browser:
    def __init__(self, size=(1366, 768), port=9333):
        self.profile = tempfile.mkdtemp(prefix="lp_shots_")
        self.proc = subprocess.Popen(
            [shutil.which("chromium") or shutil.which("google-chrome"), "--headless=new", "--no-sandbox",
             "--disable-gpu", "--disable-dev-shm-usage", f"--remote-debugging-port={port}",
             f"--user-data-dir={self.profile}", f"--window-size={size[0]},{size[1]}", "--hide-scrollbars",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=5))
                break
            except OSError:
                time.sleep(0.2)
        page = next(t for t in tabs if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.n = 0
        self.send("Emulation.setDeviceMetricsOverride", width=size[0], height=size[1], deviceScaleFactor=1,
                  mobile=False)
        self.send("Network.enable")
        self.send("Page.enable")

    def send(self, method, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.n:
                return message.get("result", {})

    def js(self, body):
        result = self.send("Runtime.evaluate", expression=f"(async () => {{ {body} }})()", awaitPromise=True)
        if result.get("exceptionDetails"):
            raise SystemExit(f"page script failed: {result['exceptionDetails']}")

    def login(self, odoo):
        self.send("Network.clearBrowserCookies")
        host = odoo.url.split("//", 1)[1].split(":")[0].split("/")[0]
        self.send("Network.setCookie", name="session_id", value=odoo.sid, domain=host, path="/")

    def goto(self, url, wait):
        self.send("Page.navigate", url=url)
        time.sleep(wait)

    def type_into(self, selector, text):
        self.js(f"document.querySelector({json.dumps(selector)}).focus();")
        self.send("Input.insertText", text=text)
        time.sleep(1)

    def shot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print("wrote", path.relative_to(REPO))

    def close(self):
        self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def open_shop(admin):
    config = admin.call("pos.config", "search_read", [("name", "=", SHOP)], fields=["id"], limit=1)[0]["id"]
    state = admin.call("pos.config", "read", [config], ["current_session_state"])[0]["current_session_state"]
    if not state:
        admin.call("pos.config", "open_ui", [config])
    session = admin.call("pos.config", "read", [config], ["current_session_id"])[0]["current_session_id"][0]
    if admin.call("pos.session", "read", [session], ["state"])[0]["state"] == "opening_control":
        admin.call("pos.session", "set_opening_control", [session], 0.0, "")
    return config


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8069")
    ap.add_argument("--db", default="pos_lp_demo")
    ap.add_argument("--only", default="", help="comma-separated: settings,stock,approver,role,closing,ledger")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    admin = Odoo(args.url, args.db, "admin", "admin")
    cashier = Odoo(args.url, args.db, "cashier", "cashier")
    config = open_shop(admin)
    pos_url = f"{args.url}/pos/ui?config_id={config}"
    browser = Browser()
    try:
        def want(name):
            return not only or name in only

        if want("settings"):
            browser.login(admin)
            browser.goto(f"{args.url}/odoo/action-point_of_sale.action_pos_configuration", 12)
            browser.js(SETTINGS_JS)
            time.sleep(2)
            browser.shot(REPO / "pos_loss_prevention_base/static/description/enforcement_checklist.png")
        if want("stock"):
            browser.login(admin)
            browser.goto(pos_url, 15)
            browser.js(PRELUDE + OPEN_REGISTER)
            time.sleep(4)
            browser.shot(REPO / "pos_stock_pro/static/description/pos_stock_badges.png")
        if want("role"):
            browser.login(admin)
            role = admin.ref("pos_security_pro.role_cashier")
            browser.goto(f"{args.url}/odoo/action-pos_security_pro.action_pos_security_role/{role}", 10)
            browser.shot(REPO / "pos_security_pro/static/description/security_role_form.png")
        if want("approver"):
            browser.login(cashier)
            browser.goto(pos_url, 15)
            browser.js(APPROVER_JS)
            time.sleep(4)
            browser.shot(REPO / "pos_security_pro/static/description/approver_dialog.png")
        if want("closing"):
            browser.login(cashier)
            browser.goto(pos_url, 15)
            browser.js(CLOSING_JS)
            browser.type_into(".modal .cash-input input", "45")
            browser.js(CLOSE_BUTTON_JS)
            time.sleep(4)
            browser.shot(REPO / "pos_session_guard/static/description/closing_refused.png")
        if want("ledger"):
            cron = admin.ref("pos_ledger_reconciliation.ir_cron_pos_reconciliation")
            admin.call("ir.cron", "method_direct_trigger", [cron])
            browser.login(admin)
            browser.goto(f"{args.url}/odoo/action-pos_ledger_reconciliation.pos_reconciliation_exception_action", 10)
            browser.shot(REPO / "pos_ledger_reconciliation/static/description/reconciliation_exceptions.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
