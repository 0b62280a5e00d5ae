"""Server twin of the Orders menu restriction: the till's order list RPC."""

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
