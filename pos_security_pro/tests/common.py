"""Fixtures: the suite's shop plus employees in each shipped role, and an order-sync helper."""

import json

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN, LossPreventionCommon

SUPERVISOR_PIN_2 = "4826"  # Sam Supervisor's approval PIN, the one the tours type
SHIFT_PIN = "7391"


def create_supervisor(env, company):
    """Sam Supervisor: the Supervisor role, approval PIN ``SUPERVISOR_PIN_2``, no Odoo user."""
    return env["hr.employee"].create({
        "name": "Sam Supervisor", "company_id": company.id, "pos_approval_pin": SUPERVISOR_PIN_2,
        "pos_security_role_id": env.ref("pos_security_pro.role_supervisor").id,
    })


def create_till_staff(env, config, till_user):
    """The tours' people: the till user's employee in the Cashier role and Sam Supervisor
    (approval PIN 4826). Returns (till employee, supervisor)."""
    Employee = env["hr.employee"]
    company = config.company_id
    till_employee = Employee.create({
        "name": "Tina Till", "user_id": till_user.id, "company_id": company.id,
        "pos_security_role_id": env.ref("pos_security_pro.role_cashier").id,
    })
    return till_employee, create_supervisor(env, company)


class SecurityCommon(LossPreventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.role_cashier = ref("pos_security_pro.role_cashier")
        cls.role_senior = ref("pos_security_pro.role_senior_cashier")
        cls.role_waiter = ref("pos_security_pro.role_waiter")
        cls.role_shift = ref("pos_security_pro.role_shift_supervisor")
        cls.role_supervisor = ref("pos_security_pro.role_supervisor")
        cls.role_manager = ref("pos_security_pro.role_manager")
        Employee = cls.env["hr.employee"]
        cls.supervisor = create_supervisor(cls.env, cls.company)
        cls.shift = Employee.create({
            "name": "Shay Shift", "company_id": cls.company.id, "pos_approval_pin": SHIFT_PIN,
            "pos_security_role_id": cls.role_shift.id,
        })
        cls.senior = Employee.create({
            "name": "Sean Senior", "company_id": cls.company.id, "pos_security_role_id": cls.role_senior.id,
        })
        cls.waiter = Employee.create({
            "name": "Wendy Waiter", "company_id": cls.company.id, "pos_security_role_id": cls.role_waiter.id,
        })
        cls.product = cls.create_product("Security Test Product", cls.categ_basic, 100.0)

    def setUp(self):
        super().setUp()
        self.session = self.open_till()

    # ------------------------------------------------------------------ helpers
    def approve(self, action, value, order_uuid=None, approver=None, pin=None, reason=None, notes=None):
        approver = approver or self.manager
        return self.session.lp_request_approval(
            action, approver.id, pin or MANAGER_PIN, value=value, order_uuid=order_uuid,
            reason=reason or "Price Error / Erreur de prix", notes=notes, requested_by_id=self.cashier.id)

    def login(self, employee):
        """pos_hr's login at the till, with the PIN the server checks (pos.session.lp_employee_login):
        the rules follow this login, not the employee an order names. Returns the login's answer."""
        pin = "9%04d" % (employee.id % 10000)
        employee.sudo().pin = pin
        return self.session.with_user(self.till_user).lp_employee_login(pin, employee_id=employee.id)

    def order_data(self, lines, tokens=None, employee=None, uuid=None, price_unit=None):
        """A paid order as the till sends it. ``employee``: with employee login, that employee logs
        in first (as at a real till) and the order names them."""
        data = self.create_ui_order_data(lines, uuid=uuid)
        data["user_id"] = self.till_user.id
        if price_unit is not None:
            for command in data["lines"]:
                command[2].update(price_unit=price_unit, price_type="manual")
        if tokens:
            data["lp_approval_tokens"] = json.dumps(tokens)
        if employee:
            if self.config.module_pos_hr:
                self.login(employee)
            data["employee_id"] = employee.id
        return data

    def sync(self, *orders):
        result = self.env["pos.order"].with_user(self.till_user).sync_from_ui(list(orders))
        return self.env["pos.order"].browse([row["id"] for row in result["pos.order"]])

    def flags(self, order):
        return self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "bypass")])
