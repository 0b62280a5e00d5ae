"""Raw-RPC tests of the server twin for lines taken away from an order the server already holds."""

from odoo.tests import tagged

from .common import SecurityCommon

# What the till sends for an order it keeps open (restaurant table, shared order).
DRAFT = {"state": "draft", "payment_ids": [], "amount_paid": 0.0, "amount_return": 0.0, "access_token": "till-token"}


@tagged("post_install", "-at_install")
class TestOrderResync(SecurityCommon):
    def draft(self, lines, uuid=None):
        data = self.order_data(lines, uuid=uuid)
        data.update(DRAFT)
        return self.sync(data)

    def resync(self, order, line_commands, tokens=None):
        """Sync ``order`` again as the till does, with ORM commands for its lines."""
        data = self.order_data([], uuid=order.uuid, tokens=tokens)
        data.update(DRAFT, lines=line_commands)
        return self.sync(data)

    def flags(self, order):
        return self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "bypass")])

    def test_deleting_a_synced_line_without_approval_is_flagged(self):
        other = self.create_product("Second Product", self.categ_basic, 50.0)
        order = self.draft([(self.product, 2), (other, 1)])
        line = order.lines.filtered(lambda line: line.product_id == self.product)
        self.resync(order, [[2, line.id]])
        self.assertEqual(order.lines.product_id, other, "the till's change is kept (never refused)")
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "delete_line")
        self.assertEqual(flag.product_id, self.product)
        self.assertEqual((flag.old_value, flag.new_value), ("2", "0"))
        self.assertTrue(self.session._lp_unreviewed_flags(), "the session cannot close until reviewed")

    def test_deleting_with_an_approval_is_accepted_once(self):
        order = self.draft([(self.product, 2), (self.product, 3)])
        first, second = order.lines.sorted("qty")
        token = self.approve("delete_line", 2, order_uuid=order.uuid)["token"]
        self.resync(order, [[2, first.id]], tokens=[token])
        self.assertFalse(self.flags(order))
        # The same (now used) token cannot cover a second removal.
        self.resync(order, [[1, second.id, {"qty": 1}]], tokens=[token])
        self.assertEqual(self.flags(order).action_type, "reduce_qty")
        self.assertEqual(self.flags(order).new_value, "1")

    def test_reduce_with_an_approval_for_another_value_is_flagged(self):
        order = self.draft([(self.product, 5)])
        token = self.approve("reduce_qty", 1, order_uuid=order.uuid)["token"]
        self.resync(order, [[1, order.lines.id, {"qty": 2}]], tokens=[token])
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "reduce_qty")
        self.assertIn("another value", flag.message)

    def test_split_approval_covers_every_moved_line_once(self):
        other = self.create_product("Second Product", self.categ_basic, 50.0)
        order = self.draft([(self.product, 3), (other, 2)])
        token = self.approve("split_bill", None, order_uuid=order.uuid)["token"]
        line_a, line_b = order.lines
        self.resync(order, [[2, line_a.id], [1, line_b.id, {"qty": 1}]], tokens=[token])
        self.assertFalse(self.flags(order), "one split approval covers the whole split")
        self.resync(order, [[2, line_b.id]], tokens=[token])
        self.assertEqual(self.flags(order).action_type, "delete_line", "a replayed split approval is refused")

    def test_split_approval_for_another_order_does_not_count(self):
        order = self.draft([(self.product, 3)])
        token = self.approve("split_bill", None, order_uuid="another-order-uuid")["token"]
        self.resync(order, [[1, order.lines.id, {"qty": 1}]], tokens=[token])
        self.assertEqual(self.flags(order).action_type, "reduce_qty")

    def test_adding_lines_and_increasing_cost_nothing(self):
        order = self.draft([(self.product, 1)])
        new_line = self.order_data([(self.product, 1)])["lines"][0]
        self.resync(order, [[1, order.lines.id, {"qty": 4}], new_line])
        self.assertEqual(sum(order.lines.mapped("qty")), 5)
        self.assertFalse(self.flags(order))

    def test_manager_role_removes_freely(self):
        self.cashier.pos_security_role_id = self.role_manager
        order = self.draft([(self.product, 2)])
        self.resync(order, [[2, order.lines.id]])
        self.assertFalse(self.flags(order))
