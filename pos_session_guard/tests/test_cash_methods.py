"""Issue 11: every cash method is guarded, not only the first one core counts.

The shop has two cash drawers (core's "Cash" and a second cash method). Core treats the second one
like a card total: nobody counts it and its difference is never held to the tolerance. Raw RPC as
the till user (no manager rights), as the closing popup calls them.
"""

from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import GuardCommon

ACTION = "session_close_override"


class CashMethodsCommon(GuardCommon):
    def setUp(self):
        super().setUp()
        self.drawer1, self.drawer2 = self.session._guard_cash_methods()[:2]
        self.sell(self.drawer2, 30)  # the second drawer expects 30, the first its 100 of float

    def sell(self, method, amount):
        product = self.create_product(f"Item {amount}", self.categ_basic, amount)
        # The shop's second cash method identifies the customer (split transactions).
        self.env["pos.order"].sync_from_ui([self.create_ui_order_data(
            [(product, 1)], customer=self.customer, payments=[(method, amount)])])

    def method_logs(self, outcome, method):
        return self.logs(outcome).filtered(lambda log: log.payment_method_id == method)


@tagged("post_install", "-at_install")
class TestEveryCashMethod(CashMethodsCommon):
    def test_closing_data_lists_each_cash_method_with_its_server_expected_cash(self):
        data = self.session.get_closing_control_data()
        self.assertEqual(data["default_cash_details"]["id"], self.drawer1.id)
        row = next(pm for pm in data["non_cash_payment_methods"] if pm["id"] == self.drawer2.id)
        self.assertTrue(row["lp_cash"])
        self.assertEqual((row["amount"], row["opening"], row["payment_amount"]), (30, 0, 30))
        rows = data["lp_guard"]["cash_rows"]
        self.assertEqual([(r["method_id"], r["expected"]) for r in rows],
                         [(self.drawer1.id, 100), (self.drawer2.id, 30)])

    def test_second_drawer_with_a_difference_is_refused(self):
        answer = self.session.guard_evaluate(100, [], [(self.drawer2.id, 0)])
        self.assertTrue(answer["blocked"])
        self.assertEqual([(r["name"], r["difference"]) for r in answer["cash_rows"]],
                         [(self.drawer1.name, 0), (self.drawer2.name, -30)])
        self.assertBlocked(self.session.post_closing_cash_details, 100)
        self.assertNotEqual(self.session.state, "closed")
        logs = self.logs("blocked")
        self.assertEqual(logs.payment_method_id, self.drawer2, "each row names its payment method")
        self.assertEqual(set(logs.mapped("difference")), {-30})

    def test_a_raw_close_that_never_counts_the_second_drawer_is_refused(self):
        self.session.write({"cash_register_balance_end_real": 100})
        self.assertBlocked(self.session.close_session_from_ui)
        self.assertBlocked(self.session.with_user(self.manager_user).action_pos_session_closing_control)
        self.assertEqual(self.method_logs("blocked", self.drawer2).mapped("counted"), [0, 0])

    def test_second_drawer_within_tolerance_closes(self):
        self.config.sudo().guard_tolerance_amount = 5
        self.assertFalse(self.session.guard_evaluate(100, [], [(self.drawer2.id, 27)])["blocked"])
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        self.assertEqual(self.session.state, "closed")
        log = self.logs("within_tolerance")
        self.assertEqual((log.payment_method_id, log.expected, log.counted, log.difference),
                         (self.drawer2, 30, 27, -3))

    def test_each_drawer_within_but_their_sum_beyond_is_refused(self):
        self.config.sudo().guard_tolerance_amount = 5
        answer = self.session.guard_evaluate(96, [], [(self.drawer2.id, 26)])
        self.assertTrue(answer["blocked"])
        self.assertEqual(answer["difference"], -8)
        self.assertEqual(self.logs("blocked").payment_method_id, self.drawer1 | self.drawer2)

    def test_the_client_cannot_count_for_another_method(self):
        bank = self.config.payment_method_ids.filtered(lambda pm: pm.type == "bank")[:1]
        self.session.guard_evaluate(100, [], [(bank.id, 999), (self.drawer1.id, 70), (self.drawer2.id, 30)])
        self.assertEqual(self.session._guard_stored_counts(), {self.drawer2.id: 30})
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])

    def test_the_count_is_carried_over_as_the_next_opening_float(self):
        self.session.guard_evaluate(100, [], [(self.drawer2.id, 30)])
        self.session.post_closing_cash_details(100)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        session = self.open_till(opening_cash=100)
        rows = session._guard_cash_rows(100, {})
        self.assertEqual((rows[1]["opening"], rows[1]["expected"]), (30, 30))

    def test_a_method_counts_itself_through_the_extension_point(self):
        """pos.payment.method._lp_closing_count(session): e.g. a cash machine reading its own level."""
        drawer2 = self.drawer2
        Method = type(self.env["pos.payment.method"])
        original = Method._lp_closing_count

        def machine_level(method, session, level=30):
            if method == drawer2:
                return {"counted": level, "evidence": "machine level read at closing"}
            return original(method, session)

        with patch.object(Method, "_lp_closing_count", machine_level):
            self.assertFalse(self.session.guard_evaluate(100, [], [(drawer2.id, 0)])["blocked"],
                             "the machine's count, not the cashier's")
        with patch.object(Method, "_lp_closing_count", lambda m, s: machine_level(m, s, level=20)):
            self.assertBlocked(self.session.post_closing_cash_details, 100)
        log = self.method_logs("blocked", drawer2)
        self.assertEqual((log.counted, log.reason), (20, "machine level read at closing"))

    def test_log_rows_naming_a_method_are_sealed_with_it(self):
        self.assertBlocked(self.session.post_closing_cash_details, 100)
        log = self.method_logs("blocked", self.drawer2)
        _checked, broken, _reason = self.Log._evidence_verify_chain(self.company)
        self.assertFalse(broken)
        self.env.cr.execute("UPDATE pos_session_guard_log SET payment_method_id = %s WHERE id = %s",
                            [self.drawer1.id, log.id])
        self.env.invalidate_all()
        _checked, broken, _reason = self.Log._evidence_verify_chain(self.company)
        self.assertEqual(broken, log)


@tagged("post_install", "-at_install")
class TestEveryCashMethodOverride(CashMethodsCommon):
    employee_login = True

    def test_override_with_pin_and_reason(self):
        # The approval is for the counts of every drawer together (100 + 0).
        token = self.session.lp_request_approval(
            ACTION, self.manager.id, MANAGER_PIN, value=100, requested_by_id=self.cashier.id)
        self.assertTrue(token["ok"], token.get("message"))
        answer = self.session.guard_register_override(
            100, [], token["token"], "Drawer 2 emptied into the safe", [(self.drawer2.id, 0)])
        self.assertTrue(answer["ok"], answer)
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        self.assertEqual(self.session.state, "closed")
        log = self.logs("overridden")
        self.assertEqual((log.payment_method_id, log.approver_id, log.difference),
                         (self.drawer2, self.manager, -30))
        self.assertEqual(log.reason, "Drawer 2 emptied into the safe")

    def test_override_is_for_those_counts_only(self):
        token = self.session.lp_request_approval(
            ACTION, self.manager.id, MANAGER_PIN, value=100, requested_by_id=self.cashier.id)
        self.session.guard_register_override(100, [], token["token"], "x", [(self.drawer2.id, 0)])
        self.session.guard_evaluate(100, [], [(self.drawer2.id, 10)])
        self.assertBlocked(self.session.post_closing_cash_details, 100)
