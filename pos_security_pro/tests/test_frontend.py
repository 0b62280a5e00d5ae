from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import create_till_staff


@tagged("post_install", "-at_install")
class TestPosSecurityTours(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_pos_config.write({"manual_discount": True, "module_pos_hr": False})
        cls.till_employee, cls.supervisor = create_till_staff(cls.env, cls.main_pos_config, cls.pos_user)

    def open_and_tour(self, tour):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour(tour, login="pos_user")
        return self.main_pos_config.current_session_id

    def test_discount_needs_a_supervisor(self):
        session = self.open_and_tour("PosSecurityDiscountApproval")
        Log = self.env["pos.approval.log"]
        approved = Log.search([("session_id", "=", session.id), ("status", "=", "approved")])
        self.assertEqual(len(approved), 1)
        self.assertEqual(approved.action_type, "discount")
        self.assertEqual(approved.approved_by_id, self.supervisor)
        self.assertEqual(approved.reason_id, self.env.ref("pos_security_pro.reason_price_error"))
        order = session.order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.lines.discount, 10)
        self.assertEqual(approved.order_id, order)
        denied = Log.search([("session_id", "=", session.id), ("status", "=", "pin_failed")])
        self.assertEqual(len(denied), 1, "the wrong PIN is on record")
        self.assertFalse(Log.search([("order_id", "=", order.id), ("status", "=", "bypass")]),
                         "the approved discount is not flagged at sync")

    def test_hidden_numpad_key_is_inert_from_the_keyboard(self):
        self.env.ref("pos_security_pro.role_cashier").hide_numpad_backspace = True
        self.open_and_tour("PosSecurityHiddenKeyInert")

    def test_menu_and_button_restrictions_hide_the_entries(self):
        role = self.env.ref("pos_security_pro.role_cashier")
        role.write({"hide_orders_menu": True, "hide_close_register": True, "hide_backend_menu": True,
                    "hide_customer_button": True, "hide_refund_button": True})
        self.open_and_tour("PosSecurityOrdersMenuHidden")

    def test_waiter_cannot_take_payment(self):
        self.till_employee.pos_security_role_id = self.env.ref("pos_security_pro.role_waiter")
        self.open_and_tour("PosSecurityWaiterNoPayment")

    def test_delete_line_needs_a_supervisor(self):
        session = self.open_and_tour("PosSecurityDeleteLineApproval")
        log = self.env["pos.approval.log"].search([("session_id", "=", session.id), ("status", "=", "approved")])
        self.assertEqual(log.action_type, "delete_line")
        self.assertEqual(log.approved_by_id, self.supervisor)

    def test_cash_out_needs_a_supervisor(self):
        session = self.open_and_tour("PosSecurityCashOutApproval")
        log = self.env["pos.approval.log"].search([("session_id", "=", session.id), ("status", "=", "approved")])
        self.assertEqual(log.action_type, "cash_out")
        self.assertEqual(log.notes, "Bank run")
        self.assertEqual(log.reason_id, self.env.ref("pos_security_pro.reason_other"))
        lines = self.env["account.bank.statement.line"].search([("pos_session_id", "=", session.id)])
        self.assertEqual(lines.mapped("amount"), [-5.0])

    def test_observing_shop_books_the_cash_out_and_records_it(self):
        """Issue 10: at an observing shop the till does not refuse the cash out the cashier's role gates;
        the approval log says what enforcement would have asked, with the actor, the amount and the reason."""
        self.main_pos_config.lp_enforced = False  # as installed into a running shop, before the session opens
        self.env.ref("pos_security_pro.role_cashier").require_approval_cash_out = True
        session = self.open_and_tour("PosSecurityObservingCashOut")
        self.assertFalse(session._lp_enforced())
        rows = self.env["pos.approval.log"].search([("session_id", "=", session.id)])
        self.assertEqual(len(rows), 1, rows.mapped("status"))
        self.assertEqual((rows.status, rows.action_type, rows.new_value, rows.reason),
                         ("observed", "cash_out", "30", "Window cleaner"))
        self.assertEqual(rows.requested_by_id, self.till_employee)
        self.assertFalse(rows.approved_by_id)
        lines = self.env["account.bank.statement.line"].search([("pos_session_id", "=", session.id)])
        self.assertEqual(lines.mapped("amount"), [-30.0], "booked, not refused")
        self.assertFalse(session._lp_unreviewed_flags(), "an observed row blocks no closing")

    def test_refund_needs_a_supervisor(self):
        session = self.open_and_tour("PosSecurityRefundApproval")
        order = session.order_ids
        self.assertEqual(order.lines.qty, -1)
        log = self.env["pos.approval.log"].search([("order_id", "=", order.id)])
        self.assertEqual(log.mapped("status"), ["approved"], "approved at the till, so not flagged at sync")
        self.assertEqual(log.action_type, "refund")

    def test_offline_deny_policy_refuses_gated_actions(self):
        self.main_pos_config.lp_offline_policy = "deny"
        self.open_and_tour("PosSecurityOfflineDeny")

    def test_offline_flag_policy_lets_through_and_the_server_flags(self):
        self.main_pos_config.lp_offline_policy = "flag"
        session = self.open_and_tour("PosSecurityOfflineFlag")
        order = session.order_ids
        self.assertEqual(order.lines.discount, 10)
        flag = self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "bypass")])
        self.assertEqual(flag.action_type, "discount", "allowed offline, then flagged for review")
        self.assertTrue(session._lp_unreviewed_flags())
