"""The employee form's Current Restrictions (issue 13): live from the role and the overrides."""

from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestEmployeeCurrentRestrictions(SecurityCommon):
    def test_the_tab_lists_what_the_role_restricts(self):
        self.cashier.pos_security_role_id = self.role_cashier
        html = str(self.cashier.pos_current_restrictions)
        self.assertIn("Role: Cashier", html)
        self.assertIn("Discounts up to 0 % without approval", html)
        self.assertIn("Cannot approve", html)
        for tab in ("Approval Requirements", "Button Restrictions", "Menu Restrictions", "Table Restrictions"):
            self.assertIn(tab, html)
        self.assertIn("Refund", html, "the refund approval of the Cashier role")

    def test_overrides_and_a_role_change_show_at_once(self):
        self.cashier.write({"pos_security_role_id": self.role_senior.id, "pos_max_discount": 15})
        html = str(self.cashier.pos_current_restrictions)
        self.assertIn("Role: Senior Cashier", html)
        self.assertIn("Discounts up to 15 % without approval", html, "the employee's own cap override")
        self.cashier.write({"pos_security_role_id": self.role_supervisor.id, "pos_max_discount": 0})
        html = str(self.cashier.pos_current_restrictions)
        self.assertIn("Role: Supervisor", html)
        self.assertIn("Approves other employees", html)

    def test_an_employee_without_a_role_sees_each_tills_default(self):
        self.cashier.pos_security_role_id = False
        self.config.sudo().lp_default_employee_role_id = self.role_cashier
        html = str(self.cashier.pos_current_restrictions)
        self.assertIn("Role: Cashier", html)
        self.assertIn(self.config.name, html, "says at which till that role applies")

    def test_the_form_shows_it_read_only(self):
        arch = self.env["hr.employee"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="pos_current_restrictions"', arch)
