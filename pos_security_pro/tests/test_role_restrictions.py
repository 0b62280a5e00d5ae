"""Server twins of the role's button and menu restrictions, tried as raw RPCs of the till user."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestOrdersMenu(SecurityCommon):
    def search_orders(self):
        return self.env["pos.order"].with_user(self.till_user).search_paid_order_ids(self.config.id, [], 80, 0)

    def test_role_without_orders_and_refunds_gets_no_past_orders(self):
        self.cashier.pos_security_role_id = self.role_waiter
        self.role_waiter.hide_orders_menu = True
        with self.assertRaisesRegex(UserError, "browsing past orders"):
            self.search_orders()

    def test_refund_rights_keep_the_refund_search(self):
        self.cashier.pos_security_role_id = self.role_cashier
        self.role_cashier.hide_orders_menu = True  # the menu is hidden, the refund button still searches
        self.assertIn("ordersInfo", self.search_orders())

    def test_default_roles_browse_orders(self):
        self.assertIn("ordersInfo", self.search_orders())


@tagged("post_install", "-at_install")
class TestRestrictionTwins(SecurityCommon):
    def test_role_without_close_register_cannot_close_by_rpc(self):
        self.cashier.pos_security_role_id = self.role_waiter
        session = self.session.with_user(self.till_user)
        with self.assertRaisesRegex(UserError, "may not close the register"):
            session.post_closing_cash_details(0.0)
        with self.assertRaisesRegex(UserError, "may not close the register"):
            session.close_session_from_ui([])
        self.assertEqual(self.session.state, "opened")

    def test_role_without_refund_button_refunds_only_with_approval(self):
        self.role_waiter.write({"require_approval_refund": False, "hide_payment_button": False})
        self.cashier.pos_security_role_id = self.role_waiter
        order = self.sync(self.order_data([(self.product, -1)]))
        self.assertEqual(self.flags(order).action_type, "refund")
        data = self.order_data([(self.product, -1)])
        data["lp_approval_tokens"] = '["%s"]' % self.approve("refund", 100.0, order_uuid=data["uuid"])["token"]
        self.assertFalse(self.flags(self.sync(data)))
