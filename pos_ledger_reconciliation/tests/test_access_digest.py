import json
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ReconciliationCommon


@tagged("post_install", "-at_install")
class TestAccessDigest(ReconciliationCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.env["res.users"].create({
            "name": "Fiona Finance", "login": "lp_finance", "password": "lp_finance", "email": "fiona@example.com",
            "groups_id": [Command.set([cls.env.ref("account.group_account_manager").id,
                                  cls.env.ref("base.group_user").id])],
            "company_id": cls.company.id, "company_ids": [Command.set([cls.company.id])],
        })

    def _draft_session_exception(self):
        session = self.sold_session()
        session.move_id.button_draft()
        self.reconcile()
        return session, self.assertOneException(session, "entry_draft")

    def test_access_by_role(self):
        _session, exception = self._draft_session_exception()
        Exception_ = self.env["pos.reconciliation.exception"]
        # Accounting managers see every shop; POS managers their shops'; POS users nothing.
        self.assertEqual(Exception_.with_user(self.accountant).search([("id", "=", exception.id)]), exception)
        self.assertEqual(Exception_.with_user(self.manager_user).search([("id", "=", exception.id)]), exception)
        with self.assertRaises(AccessError):
            Exception_.with_user(self.till_user).search([])
        with self.assertRaises(AccessError):
            self.env["pos.reconciliation.exception.history"].with_user(self.till_user).search([])
        other_shop_managers = self.env["res.groups"].create({
            "name": "Other shop managers",
            "implied_ids": [Command.link(self.env.ref("point_of_sale.group_pos_manager").id)]})
        self.config.group_pos_manager_id = other_shop_managers
        self.assertFalse(Exception_.with_user(self.manager_user).search([("id", "=", exception.id)]))
        self.assertEqual(Exception_.with_user(self.accountant).search([("id", "=", exception.id)]), exception)
        # Another company's user sees nothing of this company.
        other = self.env["res.company"].create({"name": "Other Recon Company"})
        self.accountant.write({"company_ids": [Command.set([other.id])], "company_id": other.id})
        self.assertFalse(Exception_.with_user(self.accountant).search([("id", "=", exception.id)]))
        # Finance changes status and assignee only; the findings are the run's.
        self.accountant.write({"company_ids": [Command.set([self.company.id])], "company_id": self.company.id})
        as_finance = exception.with_user(self.accountant)
        as_finance.assignee_id = self.accountant
        with self.assertRaises(UserError):
            as_finance.amount_at_stake = 0
        with self.assertRaises(UserError):
            as_finance.unlink()
        with self.assertRaises(UserError):
            Exception_.with_user(self.accountant).create({"name": "x", "type": "tax", "fingerprint": "x",
                                                          "company_id": self.company.id})

    @mute_logger("odoo.http")  # the refusals are logged by the RPC route, as expected
    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open("/web/dataset/call_kw", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "params": {
                "model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"})
        return response.json()

    def test_raw_rpc(self):
        _session, exception = self._draft_session_exception()
        self.authenticate("lp_till_user", "lp_till_user")
        answer = self._call_kw("pos.reconciliation.exception", "search_read", [[]], {"fields": ["name"]})
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self._call_kw("pos.reconciliation.exception", "action_ignore", [exception.ids, "not my business"])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.authenticate("lp_finance", "lp_finance")
        answer = self._call_kw("pos.reconciliation.exception", "action_ignore", [exception.ids, ""])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        answer = self._call_kw("pos.reconciliation.exception", "write", [exception.ids, {"status": "ignored"}])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        answer = self._call_kw("pos.reconciliation.exception", "action_ignore", [exception.ids, "auditor knows"])
        self.assertTrue(answer["result"])
        exception.invalidate_recordset()
        self.assertEqual((exception.status, exception.history_ids.sorted("id")[-1].user_id),
                         ("ignored", self.accountant))
        # The form's buttons, as the web client calls them.
        for method in ("action_reopen", "action_recheck", "action_open_ignore_wizard"):
            response = self.url_open("/web/dataset/call_button", data=json.dumps({
                "jsonrpc": "2.0", "method": "call", "params": {
                    "model": "pos.reconciliation.exception", "method": method, "args": [exception.ids],
                    "kwargs": {}}}), headers={"Content-Type": "application/json"})
            self.assertNotIn("error", response.json(), method)
        exception.invalidate_recordset()
        self.assertEqual(exception.status, "open", "reopened, and still found by the run")
        self.assertEqual(exception.history_ids.sorted("id")[-1].new_status, "open")

    def test_session_smart_button_and_badge(self):
        session, exception = self._draft_session_exception()
        self.authenticate("lp_manager", "lp_manager")
        answer = self._call_kw("pos.session", "read", [session.ids, ["lp_reconciliation_count",
                                                                     "lp_reconciliation_status"]])
        self.assertEqual((answer["result"][0]["lp_reconciliation_count"],
                          answer["result"][0]["lp_reconciliation_status"]), (1, "high"), answer)
        # The smart button, as the web client clicks it: its action lists this session's exceptions.
        response = self.url_open("/web/dataset/call_button", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "params": {
                "model": "pos.session", "method": "action_view_lp_reconciliation", "args": [session.ids],
                "kwargs": {}}}), headers={"Content-Type": "application/json"})
        action = response.json()["result"]
        self.assertEqual(action["res_model"], "pos.reconciliation.exception")
        answer = self._call_kw("pos.reconciliation.exception", "search_read", [action["domain"]], {"fields": ["type"]})
        self.assertEqual([row["id"] for row in answer["result"]], exception.ids)
        # The badge and the count are finance's: a POS user's read of them is refused.
        self.authenticate("lp_till_user", "lp_till_user")
        answer = self._call_kw("pos.session", "read", [session.ids, ["lp_reconciliation_status"]])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        session.move_id.action_post()
        self.reconcile()
        session.invalidate_recordset()
        self.assertEqual(session.lp_reconciliation_status, "ok", "green once reconciled")

    def test_reporting_views_by_status_type_shop_month(self):
        draft, _exception = self._draft_session_exception()
        short = self.sold_session(difference=-4.0)
        self.reconcile()
        Exception_ = self.env["pos.reconciliation.exception"].with_user(self.manager_user)
        views = Exception_.get_views([(False, "kanban"), (False, "pivot"), (False, "graph")])["views"]
        self.assertIn('default_group_by="status"', views["kanban"]["arch"])
        for field in ("type", "config_id", "first_seen", "amount_at_stake"):
            self.assertIn(f'name="{field}"', views["pivot"]["arch"])
        # What the pivot asks: amount at stake by type, shop and month.
        rows = Exception_.read_group([("session_id", "in", (draft | short).ids)], ["amount_at_stake:sum"],
                                     ["type", "config_id", "first_seen:month"], lazy=False)
        by_type = {row["type"]: (row["config_id"][0], row["amount_at_stake"]) for row in rows}
        self.assertEqual(by_type, {"entry_draft": (self.config.id, draft.order_ids.amount_total),
                                   "cash_difference": (self.config.id, 4.0)})
        menu = self.env.ref("pos_ledger_reconciliation.pos_reconciliation_exception_menu")
        self.assertEqual(menu.parent_id, self.env.ref("point_of_sale.menu_point_rep"), "Point of Sale > Reporting")

    def test_daily_digest(self):
        Mail = self.env["mail.mail"]
        self.company.lp_reconciliation_recipient_ids = self.accountant
        before = Mail.search([])
        self.env["pos.reconciliation.run"]._cron_reconcile_and_digest()
        self.assertFalse(Mail.search([]) - before, "nothing to say: nothing sent")
        small = self.sold_session(difference=-1.0)
        big = self.sold_session()
        big.move_id.button_draft()
        self.env["pos.reconciliation.run"]._cron_reconcile_and_digest()
        mail = Mail.search([]) - before
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.accountant.partner_id)
        body = mail.body_html
        self.assertIn(big.name, body)
        self.assertIn(small.name, body)
        self.assertLess(body.index(big.name), body.index(small.name), "largest amount first")
        self.company.lp_reconciliation_recipient_ids = False
        self.env["pos.reconciliation.run"]._cron_reconcile_and_digest()
        self.assertEqual(len(Mail.search([]) - before), 1, "no recipients: nothing sent")

    def test_terminal_findings_extension_point(self):
        session = self.sold_session()
        Session = type(self.env["pos.session"])
        finding = [{"session_id": session.id, "key": "op-42", "amount": 7.5, "payment_method_id": self.cash_pm1.id,
                    "explanation": "CashDro operation 42 was never imported", "suggested_fix": "Import it"}]
        with patch.object(Session, "_lp_reconciliation_findings", lambda self: finding):
            self.reconcile()
        exception = self.assertOneException(session, "terminal")
        self.assertEqual((exception.amount_at_stake, exception.payment_method_id), (7.5, self.cash_pm1))
        self.assertResolved(exception)
