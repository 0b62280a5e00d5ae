from odoo.tests import tagged

from odoo.addons.pos_restaurant.tests.test_frontend import TestFrontendCommon
from odoo.addons.pos_security_pro.tests.common import create_till_staff


@tagged("post_install", "-at_install")
class TestSecurityRestaurantTours(TestFrontendCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No kitchen printer in a headless run (it would raise a printing error dialog).
        cls.pos_config.write({"module_pos_hr": False, "is_order_printer": False})
        cls.till_employee, cls.supervisor = create_till_staff(cls.env, cls.pos_config, cls.pos_user)

    def test_split_and_transfer_need_a_supervisor(self):
        self.pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityRestaurantSplitTransfer", login="pos_user")
        session = self.pos_config.current_session_id
        logs = self.env["pos.approval.log"].search([("session_id", "=", session.id)])
        approved = logs.filtered(lambda log: log.status == "approved")
        self.assertEqual(sorted(approved.mapped("action_type")), ["split_bill", "transfer"])
        self.assertEqual(set(approved.approved_by_id.ids), {self.supervisor.id})
        self.assertFalse(logs.filtered(lambda log: log.status == "bypass"),
                         "approved at the till, so the re-syncs are not flagged")
        moved = self.env["pos.order"].search([("session_id", "=", session.id), ("table_id.table_number", "=", 4)])
        self.assertEqual(len(moved), 1, "the transferred order reached the server on table 4")
        self.assertEqual(sorted(moved.lines.mapped("product_id.name")), ["Coca-Cola", "Water"])

    def test_waiter_cannot_edit_the_floor_plan(self):
        self.till_employee.pos_security_role_id = self.env.ref("pos_security_pro.role_waiter")
        self.pos_user.groups_id |= self.env.ref("point_of_sale.group_pos_manager")
        self.pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityRestaurantWaiterNoPlanEdit", login="pos_user")
