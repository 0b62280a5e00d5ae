"""Issue 17, closing: a POS user without manager rights, with Odoo's standard RPC only.

Each test tries what a dishonest cashier tried (``write`` of the session's state or rescue flag,
removing the till's cash methods) and expects a clear refusal, while the register's own opening and
closing buttons keep working (test_guard_rule, the tours).
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import GuardCommon


@tagged("post_install", "-at_install")
class TestClosingWrites(GuardCommon):
    def test_cashier_cannot_write_the_session_closed(self):
        self.session.write({"cash_register_balance_end_real": 60})  # 40 short
        for state in ("closed", "closing_control"):
            with self.assertRaises(AccessError):
                self.session.write({"state": state})
        self.assertEqual(self.session.state, "opened")
        self.assertFalse(self.session.move_id)
        # The register's Close button still meets the guard.
        self.assertBlocked(self.session.close_session_from_ui)

    def test_cashier_cannot_switch_rescue_on(self):
        with self.assertRaises(AccessError):
            self.session.write({"rescue": True})
        self.assertFalse(self.session.rescue)
        self.assertBlocked(self.session.post_closing_cash_details, 75)
        self.assertEqual(self.logs("blocked").difference, -25)

    def test_cashier_cannot_rewrite_the_opening_float_or_the_entry(self):
        for vals in ({"cash_register_balance_start": 50}, {"cash_real_transaction": -50},
                     {"stop_at": "2020-01-01 00:00:00"}, {"config_id": self.other_currency_config.id}):
            with self.assertRaises(AccessError):
                self.session.write(vals)
        self.assertEqual(self.session.cash_register_balance_start, 100)

    def test_cashier_cannot_create_a_recovery_session(self):
        with self.assertRaises(AccessError):
            self.env["pos.session"].with_user(self.till_user).create(
                {"config_id": self.config.id, "rescue": True})

    def test_cashier_cannot_remove_the_cash_methods_of_her_till(self):
        cash = self.config.payment_method_ids.filtered("is_cash_count")
        config = self.config.with_user(self.till_user).with_context(bypass_payment_method_ids_forbidden_change=True)
        with self.assertRaises(AccessError):
            config.write({"payment_method_ids": [Command.unlink(method.id) for method in cash]})
        with self.assertRaises(AccessError):
            config.write({"set_maximum_difference": True, "amount_authorized_diff": 1000})
        self.assertTrue(self.config.cash_control)
        self.assertEqual(self.config.payment_method_ids.filtered("is_cash_count"), cash)
        self.assertBlocked(self.session.post_closing_cash_details, 75)

    def test_register_buttons_still_open_and_close(self):
        """The guarded methods write what the cashier's raw write may not."""
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        self.assertEqual(self.session.state, "closed")
        self.config.with_user(self.till_user).open_ui()
        session = self.config.current_session_id.with_user(self.till_user)
        self.assertEqual(session.state, "opening_control")
        session.set_opening_control(100, "")
        self.assertEqual((session.state, session.cash_register_balance_start), ("opened", 100))

    def test_manager_may_still_change_payment_methods(self):
        bank = self.config.payment_method_ids.filtered(lambda pm: pm.type == "bank")[:1]
        self.config.with_user(self.manager_user).with_context(
            bypass_payment_method_ids_forbidden_change=True).write({"payment_method_ids": [Command.unlink(bank.id)]})
        self.assertNotIn(bank, self.config.payment_method_ids)


@tagged("post_install", "-at_install")
class TestClosingWritesOverHttp(TestPointOfSaleHttpCommon):
    """The same holes through the web client's route, as a raw JSON-RPC call."""

    @mute_logger("odoo.http")  # the refusal is logged by the web layer; the test asserts it
    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {},
        })

    def test_raw_rpc_as_pos_user(self):
        config = self.main_pos_config
        config.with_user(self.pos_user).open_ui()
        session = config.current_session_id
        self.authenticate("pos_user", "pos_user")
        for vals in ({"state": "closed"}, {"rescue": True}):
            with self.assertRaises(JsonRpcException) as refused:
                self.call_kw("pos.session", "write", [[session.id], vals])
            self.assertIn("AccessError", str(refused.exception.args))
        cash = config.payment_method_ids.filtered("is_cash_count")
        with self.assertRaises(JsonRpcException):
            self.call_kw("pos.config", "write", [[config.id], {"payment_method_ids": [Command.unlink(cash.id)]}],
                         {"context": {"bypass_payment_method_ids_forbidden_change": True}})
        self.assertEqual((session.state, session.rescue), ("opening_control", False))
        self.assertTrue(config.cash_control)
