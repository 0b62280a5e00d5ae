"""Fixtures shared by the suite's tests: a POS shop, a till user, a manager and employees with PINs."""

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

MANAGER_PIN = "1357"
SUPERVISOR_PIN = "2468"


class LossPreventionCommon(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        group_user = cls.env.ref("point_of_sale.group_pos_user")
        group_manager = cls.env.ref("point_of_sale.group_pos_manager")
        cls.till_user = cls.env["res.users"].create({
            "name": "Till User", "login": "lp_till_user", "password": "lp_till_user", "email": "till@example.com",
            "groups_id": [(6, 0, [group_user.id, cls.env.ref("base.group_user").id])],
            "company_id": cls.company.id, "company_ids": [(6, 0, [cls.company.id])],
        })
        cls.manager_user = cls.env["res.users"].create({
            "name": "Shop Manager", "login": "lp_manager", "password": "lp_manager", "email": "manager@example.com",
            "groups_id": [(6, 0, [group_manager.id, cls.env.ref("base.group_user").id])],
            "company_id": cls.company.id, "company_ids": [(6, 0, [cls.company.id])],
        })
        Employee = cls.env["hr.employee"]
        cls.cashier = Employee.create({
            "name": "Carla Cashier", "user_id": cls.till_user.id, "company_id": cls.company.id,
        })
        cls.manager = Employee.create({
            "name": "Mona Manager", "user_id": cls.manager_user.id, "company_id": cls.company.id,
            "pos_approval_pin": MANAGER_PIN,
        })
        # Has a PIN but is neither a POS manager nor an advanced employee: may approve nothing.
        cls.outsider = Employee.create({
            "name": "Olga Outsider", "company_id": cls.company.id, "pos_approval_pin": SUPERVISOR_PIN,
        })

    def open_till(self, opening_cash=0):
        """Open a session on the shop, as the till user would."""
        session = self.open_new_session(opening_cash)
        return session.with_user(self.till_user)
