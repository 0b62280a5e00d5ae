"""Issue 11 tours: closing against a simulated CashDro that the server reads (levels, operations).

The guard's dialog and override belong to pos_session_guard: these tours run when it is installed
beside pos_cashdro (the full suite, or ``bin/suite-test pos_cashdro pos_session_guard``).
"""

from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .test_frontend import CashdroHttpCommon


@tagged("post_install", "-at_install")
class TestCashdroClosingTour(CashdroHttpCommon):
    def setUp(self):
        super().setUp()
        # Without pos_session_guard (pos_cashdro tested alone) there is no closing gate to tour:
        # the tests return at once (a skip would fail the test command).
        self.guard_installed = "pos.session.guard.log" in self.env
        if not self.guard_installed:
            return
        # The machine is set up in the shop's currency; the other tours use the euro's table.
        currency = self.main_pos_config.currency_id.name
        self.machine_a.control("set_currency", code=currency)
        self.addCleanup(self.machine_a.control, "set_currency", code="EUR")
        self.machine_a.control("set", auto_ack_ms="50", dispense_ms_per_piece="10", bill_take_ms="0")
        self.cashdro_pm.cashdro_tz = "UTC"  # the simulator's clock
        self.mona = self.env["hr.employee"].create({
            "name": "Mona Manager", "user_id": self.pos_admin.id, "company_id": self.env.company.id,
            "pos_approval_pin": MANAGER_PIN,
        })

    def guard_logs(self, session, outcome):
        return self.env["pos.session.guard.log"].search([
            ("session_id", "=", session.id), ("outcome", "=", outcome),
            ("payment_method_id", "=", self.cashdro_pm.id)])

    def test_withdrawal_at_the_machine_screen_listed_and_overridden(self):
        if not self.guard_installed:
            return
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_pos_tour("CashdroClosingScreenWithdrawalTour", login="pos_user")
        self.assertEqual(session.state, "closed")
        opening, closing = (session.cashdro_reading_ids.filtered(lambda r, k=k: r.kind == k)[:1]
                            for k in ("opening", "closing"))
        self.assertEqual(opening.state, "read", "opening read the levels")
        withdrawal = closing.operation_ids.filtered(lambda op: op.operation_type == "2")
        self.assertEqual((withdrawal.amount, withdrawal.by_odoo), (-50, False))
        log = self.guard_logs(session, "overridden")
        self.assertEqual((log.difference, log.approver_id), (-50, self.mona))
        self.assertIn(f"machine operation {withdrawal.operation_ref}: Withdrawal (type 2)", log.reason)
        self.assertIn("Operator took 50 to the bank", log.reason)

    def test_machine_not_read_at_closing(self):
        if not self.guard_installed:
            return
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_pos_tour("CashdroClosingMachineNotReadTour", login="pos_user")
        self.assertEqual(session.state, "closed", "never blocks the shop forever")
        self.assertEqual(session.cashdro_reading_ids.filtered(lambda r: r.kind == "closing")[:1].state, "not_read")
        log = self.guard_logs(session, "overridden")
        self.assertEqual(log.approver_id, self.mona)
        self.assertIn("machine not read", log.reason)
