"""Raw-RPC tests of the restaurant twins: table moves at order sync, merges, floor plan edits."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.pos_security_pro.tests.common import SecurityCommon
from odoo.addons.pos_security_pro.tests.test_order_resync import DRAFT


class RestaurantSecurityCommon(SecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.floor = cls.env["restaurant.floor"].create({"name": "Terrace",
                                                         "pos_config_ids": [Command.link(cls.config.id)]})
        cls.table_1, cls.table_2 = cls.env["restaurant.table"].create([
            {"table_number": 1, "floor_id": cls.floor.id, "seats": 4},
            {"table_number": 2, "floor_id": cls.floor.id, "seats": 2},
        ])

    def draft(self, table, uuid=None, tokens=None, lines=None):
        data = self.order_data(lines or [(self.product, 1)], uuid=uuid, tokens=tokens)
        data.update(DRAFT, table_id=table.id)
        return self.sync(data)

    def flags(self, order):
        return self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "bypass")])


@tagged("post_install", "-at_install")
class TestTableMoves(RestaurantSecurityCommon):
    def test_move_without_approval_is_flagged(self):
        order = self.draft(self.table_1)
        self.draft(self.table_2, uuid=order.uuid)
        self.assertEqual(order.table_id, self.table_2, "the move is kept (a sync is never refused)")
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "transfer")
        self.assertEqual((flag.old_value, flag.new_value), (self.table_1.display_name, self.table_2.display_name))

    def test_move_with_approval_is_accepted_once(self):
        order = self.draft(self.table_1)
        token = self.approve("transfer", None, order_uuid=order.uuid)["token"]
        self.draft(self.table_2, uuid=order.uuid, tokens=[token])
        self.assertFalse(self.flags(order))
        self.draft(self.table_1, uuid=order.uuid, tokens=[token])
        self.assertEqual(self.flags(order).action_type, "transfer", "a used approval does not cover a second move")

    def test_role_without_transfer_may_not_move_even_with_a_token(self):
        self.role_cashier.restrict_table_transfer = True
        order = self.draft(self.table_1)
        token = self.approve("transfer", None, order_uuid=order.uuid)["token"]
        self.draft(self.table_2, uuid=order.uuid, tokens=[token])
        self.assertIn("may not move orders", self.flags(order).message)

    def test_manager_role_moves_freely(self):
        self.cashier.pos_security_role_id = self.role_manager
        order = self.draft(self.table_1)
        self.draft(self.table_2, uuid=order.uuid)
        self.assertFalse(self.flags(order))
        # Issue 10: allowed alone, still on record: one within-authority row for the move.
        row = self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "within_authority")])
        self.assertEqual(len(row), 1, "one row per move")
        self.assertEqual((row.action_type, row.old_value, row.new_value, row.requested_by_id),
                         ("transfer", self.table_1.display_name, self.table_2.display_name, self.cashier))
        self.assertIn("Manager", row.message)

    def test_cashier_move_leaves_no_within_authority_row(self):
        order = self.draft(self.table_1)
        self.draft(self.table_2, uuid=order.uuid)
        self.assertEqual(self.flags(order).action_type, "transfer")
        self.assertFalse(self.env["pos.approval.log"].search(
            [("order_id", "=", order.id), ("status", "=", "within_authority")]))

    def test_merge_cancels_the_moved_order_under_the_transfer_approval(self):
        moved = self.draft(self.table_1)
        self.approve("transfer", None, order_uuid=moved.uuid)
        moved.with_user(self.till_user).action_pos_order_cancel()
        self.assertEqual(moved.state, "cancel")
        self.assertFalse(self.flags(moved))
        unapproved = self.draft(self.table_2)
        unapproved.with_user(self.till_user).action_pos_order_cancel()
        self.assertEqual(self.flags(unapproved).action_type, "cancel_order")


@tagged("post_install", "-at_install")
class TestFloorPlanEdits(RestaurantSecurityCommon):
    """A shared till: its Odoo user is a POS manager, employees log in on top (pos_hr)."""

    def setUp(self):
        self.config.write({"module_pos_hr": True})
        super().setUp()
        self.till_user.groups_id |= self.env.ref("point_of_sale.group_pos_manager")
        self.session.user_id = self.till_user
        self.session_rpc = self.session.with_user(self.till_user)

    def login(self, employee, pin=""):
        result = self.session_rpc.lp_employee_login(pin, employee_id=employee.id)
        self.assertTrue(result["ok"])
        self.assertEqual(self.session.lp_login_employee_id, employee)

    def test_waiter_at_the_till_cannot_edit_the_plan(self):
        self.login(self.waiter)
        table = self.table_1.with_user(self.till_user)
        with self.assertRaisesRegex(UserError, "does not allow editing the floor plan"):
            table.write({"position_h": 300})
        with self.assertRaises(UserError):
            self.env["restaurant.table"].with_user(self.till_user).create(
                {"table_number": 9, "floor_id": self.floor.id})
        with self.assertRaises(UserError):
            self.env["restaurant.floor"].with_user(self.till_user).sync_from_ui("Garden", "#FFFFFF", self.config.id)
        with self.assertRaises(UserError):
            self.env["restaurant.floor"].with_user(self.till_user).create(
                {"name": "Garden", "pos_config_ids": [self.config.id]})
        with self.assertRaises(UserError):
            self.floor.with_user(self.till_user).write({"background_color": "#000000"})
        with self.assertRaises(UserError):
            table.unlink()

    def test_manager_login_at_the_same_till_may_edit(self):
        self.login(self.waiter)
        self.manager.pin = "8642"  # a manager logs in with a login PIN (a PIN-less one is refused)
        self.login(self.manager, "8642")
        self.table_1.with_user(self.till_user).write({"position_h": 300})
        self.assertEqual(self.table_1.position_h, 300)

    def test_no_checked_login_means_the_strictest_role(self):
        self.role_cashier.restrict_floor_edit = True
        with self.assertRaises(UserError):
            self.table_1.with_user(self.till_user).write({"position_h": 300})

    def test_linking_tables_follows_the_transfer_restriction(self):
        self.role_waiter.restrict_table_transfer = True
        self.role_waiter.restrict_floor_edit = False
        self.login(self.waiter)
        table = self.table_1.with_user(self.till_user)
        with self.assertRaisesRegex(UserError, "linking tables"):
            table.write({"parent_id": self.table_2.id})
        table.write({"position_h": 120})  # plan edits stay allowed for this role

    def test_backend_edit_without_an_open_till_is_not_restricted(self):
        self.login(self.waiter)
        self.session.user_id = self.manager_user
        self.table_1.with_user(self.till_user).write({"position_h": 310})
        self.assertEqual(self.table_1.position_h, 310)
