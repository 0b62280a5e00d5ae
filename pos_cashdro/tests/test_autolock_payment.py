from odoo import Command
from odoo.tests import tagged

from .test_frontend import CashdroHttpCommon


@tagged("post_install", "-at_install")
class TestCashdroSparedByAutoLock(CashdroHttpCommon):
    """pos_security_pro's auto-lock must never interrupt money in the machine: a real CashDro
    payment (simulator) longer than the timeout goes to the end, then the idle till locks."""

    def test_auto_lock_spares_a_cashdro_payment(self):
        if "lp_autolock_enabled" not in self.env["pos.config"]._fields:
            return  # pos_security_pro (the auto-lock) is not installed beside pos_cashdro: nothing to spare
        # Two employees, so that pos_hr's login asks who (as in a shop), then the PIN; with an email:
        # pos_hr posts "Opened register" as the employee.
        employees = self.env["hr.employee"].create([
            {"name": "Pos Employee1", "pin": "2580", "company_id": self.env.company.id, "work_email": "e1@example.com"},
            {"name": "Pos Employee2", "pin": "1234", "company_id": self.env.company.id, "work_email": "e2@example.com"},
        ])
        self.main_pos_config.write({
            "module_pos_hr": True, "basic_employee_ids": [Command.link(e.id) for e in employees],
            "lp_autolock_enabled": True, "lp_autolock_timeout": 10,
        })
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("CashdroAutoLockSparesPaymentTour", login="pos_user")
        payment = self.cashdro_payments()
        self.assertEqual(len(payment), 1)
        self.assertEqual((payment.amount, payment.cashdro_state), (18.2, "F"), "paid in full through the lock timeout")
