from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestOrderBackstop(SecurityCommon):
    """Raw RPC: a till syncs orders that skip the POS gates. They are kept, flagged, and block closing."""

    def test_discount_over_cap_is_flagged_and_blocks_closing(self):
        order = self.sync(self.order_data([(self.product, 1, 30)]))
        self.assertEqual(order.state, "paid", "the paid order is never lost")
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "discount")
        self.assertEqual(flag.product_id, self.product)
        self.assertEqual(flag.requested_by_id, self.cashier)
        self.assertIn("no approval token", flag.message)
        result = self.session._cannot_close_session()
        self.assertFalse(result["successful"])
        self.assertIn("reviewed", result["message"])
        self.assertFalse(self.session.post_closing_cash_details(0)["successful"])
        with self.assertRaises(UserError):
            self.session.sudo().action_pos_session_closing_control()
        flag.with_user(self.manager_user).action_mark_reviewed()
        self.assertFalse(self.session._cannot_close_session())

    def test_discount_with_approval_passes_once(self):
        data = self.order_data([(self.product, 1, 30)])
        token = self.approve("discount", 30, order_uuid=data["uuid"])["token"]
        data["lp_approval_tokens"] = '["%s"]' % token
        order = self.sync(data)
        self.assertFalse(self.flags(order))
        log = self.env["pos.approval.log"].search([("order_uuid", "=", data["uuid"]), ("status", "=", "approved")])
        self.assertEqual(log.order_id, order, "the approval is linked to the synced order")
        # Replayed on another order: refused.
        other = self.sync(self.order_data([(self.product, 1, 30)], tokens=[token]))
        self.assertIn("already used", self.flags(other).message)

    def test_approval_for_another_order_is_refused(self):
        token = self.approve("discount", 30, order_uuid="some-other-order")["token"]
        order = self.sync(self.order_data([(self.product, 1, 30)], tokens=[token]))
        self.assertIn("another order", self.flags(order).message)

    def test_unbound_token_cannot_be_replayed(self):
        token = self.approve("discount", 30)["token"]
        first = self.sync(self.order_data([(self.product, 1, 30)], tokens=[token]))
        self.assertFalse(self.flags(first))
        second = self.sync(self.order_data([(self.product, 1, 30)], tokens=[token]))
        self.assertIn("already used", self.flags(second).message)

    def test_approval_for_another_value_is_refused(self):
        data = self.order_data([(self.product, 1, 50)])
        data["lp_approval_tokens"] = '["%s"]' % self.approve("discount", 10, order_uuid=data["uuid"])["token"]
        order = self.sync(data)
        self.assertIn("another value", self.flags(order).message)



    def test_price_change_without_approval(self):
        order = self.sync(self.order_data([(self.product, 1)], price_unit=1.0))
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "price")
        self.assertEqual(flag.new_value, "1.0")
        data = self.order_data([(self.product, 1)], price_unit=80.0)
        data["lp_approval_tokens"] = '["%s"]' % self.approve("price", 80.0, order_uuid=data["uuid"])["token"]
        self.assertFalse(self.flags(self.sync(data)))

    def test_price_lie_with_original_price_type(self):
        data = self.order_data([(self.product, 1)], price_unit=1.0)
        data["lines"][0][2]["price_type"] = "original"
        self.assertEqual(self.flags(self.sync(data)).action_type, "price")

    def test_refund_without_approval(self):
        order = self.sync(self.order_data([(self.product, -1)]))
        self.assertEqual(self.flags(order).action_type, "refund")
        data = self.order_data([(self.product, -2)])
        data["lp_approval_tokens"] = '["%s"]' % self.approve("refund", 200.0, order_uuid=data["uuid"])["token"]
        self.assertFalse(self.flags(self.sync(data)))


    def test_decrease_of_a_sent_line_is_not_a_refund_but_needs_approval(self):
        """Restaurant: decreasing a line already sent adds a negative line of the same product."""
        order = self.sync(self.order_data([(self.product, 2), (self.product, -1)]))
        self.assertEqual(self.flags(order).mapped("action_type"), ["reduce_qty"])
        data = self.order_data([(self.product, 2), (self.product, -1)])
        data["lp_approval_tokens"] = '["%s"]' % self.approve("reduce_qty", 1.0, order_uuid=data["uuid"])["token"]
        self.assertFalse(self.flags(self.sync(data)))

    def test_cancelling_an_order_needs_approval(self):
        data = self.order_data([(self.product, 1)])
        data.update(state="draft", payment_ids=[], amount_paid=0)
        draft = self.sync(data)
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.till_user).action_pos_order_cancel()
        self.assertEqual(draft.state, "cancel", "a draft without money is still cancelled")
        self.assertEqual(self.flags(draft).action_type, "cancel_order")
        data = self.order_data([(self.product, 1)])
        data.update(state="draft", payment_ids=[], amount_paid=0)
        self.approve("cancel_order", None, order_uuid=data["uuid"])
        approved = self.sync(data)
        approved.with_user(self.till_user).action_pos_order_cancel()
        self.assertFalse(self.flags(approved))

    def test_claiming_a_manager_user_does_not_help(self):
        data = self.order_data([(self.product, 1, 30)])
        data["user_id"] = self.manager_user.id
        self.assertEqual(self.flags(self.sync(data)).action_type, "discount")

    def test_routine_sale_is_not_flagged(self):
        order = self.sync(self.order_data([(self.product, 2)]))
        self.assertFalse(self.flags(order))
        self.assertFalse(self.session._cannot_close_session())

    def test_garbage_tokens_do_not_break_sync(self):
        data = self.order_data([(self.product, 1, 30)])
        data["lp_approval_tokens"] = "{not json"
        order = self.sync(data)
        self.assertEqual(order.state, "paid")
        self.assertTrue(self.flags(order))


@tagged("post_install", "-at_install")
class TestOrderBackstopEmployees(SecurityCommon):
    """Tills with employee login: the rules follow the employee the order names, if they may work here."""

    def setUp(self):
        self.config.write({"module_pos_hr": True,
                           "basic_employee_ids": [Command.set([self.senior.id, self.waiter.id])]})
        super().setUp()

    def test_senior_cashier_discounts_alone_up_to_cap(self):
        ok = self.sync(self.order_data([(self.product, 1, 10)], employee=self.senior))
        self.assertFalse(self.flags(ok))
        over = self.sync(self.order_data([(self.product, 1, 11)], employee=self.senior))
        self.assertEqual(self.flags(over).requested_by_id, self.senior)

    def test_claimed_employee_not_on_the_config_gets_the_strictest_role(self):
        """The client says a Shift Supervisor (100 %) is at the till, but they may not work here."""
        order = self.sync(self.order_data([(self.product, 1, 5)], employee=self.shift))
        self.assertEqual(self.flags(order).action_type, "discount")

    def test_waiter_cannot_take_payment(self):
        order = self.sync(self.order_data([(self.product, 1)], employee=self.waiter))
        self.assertEqual(self.flags(order).action_type, "payment")
