from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.pos_security_pro.tests.common import create_till_staff


@tagged("post_install", "-at_install")
class TestRemoveLineButton(TestPointOfSaleHttpCommon):
    """OCA's pos_order_remove_line puts a trash button on each line; it removes the line by sending
    Backspace to the number buffer. A Cashier still meets the delete-line gate that way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_pos_config.write({"module_pos_hr": False, "pos_line_remove_btn": True,
                                   "pos_line_remove_warning": False})
        cls.till_employee, cls.supervisor = create_till_staff(cls.env, cls.main_pos_config, cls.pos_user)

    def test_trash_button_meets_the_delete_line_gate(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosLpOcaRemoveLineButton", login="pos_user")
        session = self.main_pos_config.current_session_id
        log = self.env["pos.approval.log"].search([("session_id", "=", session.id), ("status", "=", "approved")])
        self.assertEqual(log.action_type, "delete_line")
        self.assertEqual(log.approved_by_id, self.supervisor)
