"""Issue 11: the machine counts, Odoo reconciles.

A real simulated CashDro on 127.0.0.1 (its HTTP listener, as the server reaches a machine on the
shop's LAN). The operator's actions at the machine's own screen go through the simulator's control
API. Raw RPC as the till user (no manager rights), as the closing popup calls them.

The guard's tests (refused, overridden) need pos_session_guard installed beside pos_cashdro
(``bin/suite-test pos_cashdro pos_session_guard``, or the full suite); pos_cashdro never imports it.
"""

import json
import uuid

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import SimulatorClient, start_simulator
from .test_payment_method import CashdroCommon

OVERRIDE = "session_close_override"


class ReconciliationCommon(CashdroCommon):
    employee_login = False  # pos_hr's employee login cannot change while a session is open

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A machine in the shop's currency (it lists no pieces in another one).
        cls.sim = start_simulator(cls, currency=cls.company.currency_id.name)
        cls.machine = SimulatorClient(cls.sim)
        cls.cashdro_pm.write({"cashdro_port": cls.sim.http_port, "cashdro_tz": "UTC"})  # the simulator's clock
        cls.product = cls.create_product("Lamp", cls.categ_basic, 40.0)

    def setUp(self):
        super().setUp()
        self.machine.control("reset_all")
        self.machine.control("set", auto_ack_ms="50", dispense_ms_per_piece="10", bill_take_ms="0")
        self.machine.control("network", fault="")
        self.level0 = self.machine.control("state")["level"] / 100.0  # 368.20 at reset (USD)
        self.Reading = self.env["pos.cashdro.level.reading"]
        self.config.module_pos_hr = self.employee_login
        self.session = self.open_till(opening_cash=100)
        self.GuardLog = self.env["pos.session.guard.log"] if "pos.session.guard.log" in self.env else None

    def requests(self):
        return self.machine.control("requests")["requests"]

    def readings(self, kind):
        return self.Reading.search([("session_id", "=", self.session.id), ("kind", "=", kind)])

    def sell_through_machine(self, amount=40.0):
        """A sale the register ran on the machine: two 20.00 notes in, the order books 40.00."""
        op_id = self.machine.start_sale(int(amount * 100), posid=self.config.name)
        self.machine.control("insert", values="2000,2000", wait_for_state="E")
        self.machine.wait_state(op_id)
        line = str(uuid.uuid4())
        pm = self.cashdro_pm.with_user(self.till_user)
        for event in ("start", "finish"):
            pm.cashdro_log_event(self.session.id, event, {
                "operation_id": op_id, "payment_uuid": line, "amount_requested": amount, "amount_inserted": amount,
                "amount_kept": amount if event == "finish" else 0.0, "state": "F", "operation_type": "4"})
        order_data = self.create_ui_order_data([(self.product, 1)], payments=[(self.cashdro_pm, amount)])
        order_data["payment_ids"][0][2].update({
            "uuid": line, "cashdro_operation_id": op_id, "cashdro_state": "F", "cashdro_amount_requested": amount,
            "cashdro_amount_inserted": amount, "cashdro_amount_kept": amount, "payment_status": "done"})
        self.env["pos.order"].with_user(self.till_user).sync_from_ui([order_data])
        return op_id

    def machine_row(self, rows):
        return next(row for row in rows if row["method_id"] == self.cashdro_pm.id)

    def guard_installed(self):
        """The closing gate is pos_session_guard's. Without it (``bin/suite-test pos_cashdro`` alone)
        there is no gate to judge: the guard tests return at once instead of being skipped (a skip
        fails the test command); the machine readings have their own tests, guard or not."""
        return self.GuardLog is not None


@tagged("post_install", "-at_install")
class TestMachineReadings(ReconciliationCommon):
    def test_opening_reads_the_levels_per_denomination(self):
        reading = self.readings("opening")
        self.assertEqual(len(reading), 1)
        self.assertEqual((reading.state, reading.total, reading.machine_calls), ("read", self.level0, 1))
        self.assertEqual(self.requests(), ["getPiecesCurrency"])
        twenty = reading.line_ids.filtered(lambda line: line.value == 20)
        self.assertEqual((twenty.piece_type, twenty.units_recycler, twenty.amount), ("bill", 10, 200))
        self.assertEqual(sum(reading.line_ids.mapped("amount")), self.level0)
        self.assertTrue(reading.evidence_hash, "a reading is sealed evidence")
        with self.assertRaises(UserError):
            twenty.units_recycler = 9
        with self.assertRaises(UserError):
            reading.unlink()

    def test_closing_imports_operations_made_at_the_machine_screen(self):
        op_sale = self.sell_through_machine()
        withdrawal = self.machine.control("withdraw", amount="5000")["operationId"]
        before = len(self.requests())
        data = self.session.get_closing_control_data()
        self.assertEqual(self.requests()[before:], ["getPiecesCurrency", "askMovements"],
                         "two machine calls at closing, whatever the number of orders")
        reading = self.readings("closing")
        self.assertEqual(reading.total, self.level0 + 40 - 50)
        ops = {op.operation_ref: op for op in reading.operation_ids}
        self.assertEqual(set(ops), {op_sale, withdrawal})
        self.assertTrue(ops[op_sale].by_odoo)
        self.assertEqual((ops[withdrawal].by_odoo, ops[withdrawal].operation_type, ops[withdrawal].amount),
                         (False, "2", -50))
        self.assertEqual((reading.expected, reading.difference), (self.level0 + 40, -50))
        rec = data["cashdro_reconciliation"][0]
        self.assertEqual((rec["read"], rec["level"], rec["expected"], rec["difference"]),
                         (True, self.level0 - 10, self.level0 + 40, -50))
        self.assertEqual([(op["ref"], op["label"], op["amount"]) for op in rec["foreign_operations"]],
                         [(withdrawal, "Withdrawal", -50)])
        count = self.cashdro_pm._lp_closing_count(self.session)
        self.assertEqual((count["counted"], count["opening"]), (self.level0 - 10, self.level0))
        self.assertIn(f"machine operation {withdrawal}: Withdrawal (type 2)", count["evidence"])

    def test_no_query_per_order_at_closing(self):
        """The machine's part of a closing costs the same with 1 or 6 orders (and 2 machine calls)."""

        def closing_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            # What pos_cashdro adds to a closing: the reading, the popup's data, the guard's count.
            self.cashdro_pm._cashdro_take_reading(self.session, "closing")
            self.session.cashdro_reconciliation()
            self.cashdro_pm._lp_closing_count(self.session)
            return self.env.cr.sql_log_count - before

        self.sell_through_machine()
        with_one = closing_queries()
        for _i in range(5):
            self.sell_through_machine()
        requests_before = len(self.requests())
        with_six = closing_queries()
        self.assertEqual(self.requests()[requests_before:], ["getPiecesCurrency", "askMovements"])
        self.assertLessEqual(with_six, with_one, f"{with_one} queries with 1 order, {with_six} with 6")
        self.assertEqual(len(self.readings("closing")[:1].operation_ids), 6, "the latest reading")

    def test_load_and_cassette_removal_are_listed(self):
        self.machine.control("set_cassette", value="10", cassette="100")
        self.machine.control("load_float", amount="2000")
        self.machine.control("remove_cassette", kind="coin")
        self.session.get_closing_control_data()
        reading = self.readings("closing")
        self.assertEqual(sorted((op.operation_type, op.amount) for op in reading.operation_ids),
                         [("1", 20), ("11", -10)])
        self.assertEqual(reading.foreign_operation_count, 2)

    def test_machine_unreachable_at_closing(self):
        self.machine.control("network", fault="reset")
        data = self.session.get_closing_control_data()
        reading = self.readings("closing")
        self.assertEqual((reading.state, reading.machine_calls), ("not_read", 1), "gives up after one failure")
        self.assertFalse(data["cashdro_reconciliation"][0]["read"])
        count = self.cashdro_pm._lp_closing_count(self.session)
        self.assertTrue(count["needs_override"])
        self.assertNotIn("counted", count, "the register's typed count stays")
        self.assertIn("machine not read", count["evidence"])

    def test_opening_level_differs_from_previous_closing(self):
        self.session.get_closing_control_data()
        self.session.sudo().write({"state": "closed"})  # closed; the next session's opening is what matters
        self.machine.control("withdraw", amount="2000")  # cash taken out between sessions
        self.session = self.open_till(opening_cash=100)
        reading = self.readings("opening")
        self.assertEqual((reading.previous_total, reading.total, reading.difference),
                         (self.level0, self.level0 - 20, -20))
        gap = self.env["pos.cashdro.operation.log"].search([("session_id", "=", self.session.id),
                                                            ("event", "=", "level_gap")])
        self.assertEqual(gap.amount_kept, -20)
        self.assertIn("between sessions", gap.message)

    def test_the_register_cannot_forge_a_server_event(self):
        answer = self.cashdro_pm.with_user(self.till_user).cashdro_log_event(
            self.session.id, "level_gap", {"amount_kept": 0})
        self.assertFalse(answer["ok"])


@tagged("post_install", "-at_install")
class TestMachineThroughTheGuard(ReconciliationCommon):
    def logs(self, outcome):
        return self.GuardLog.search([("session_id", "=", self.session.id), ("outcome", "=", outcome),
                                     ("payment_method_id", "=", self.cashdro_pm.id)])

    def assertRefused(self, call, *args):
        # No assertRaises: its savepoint would roll the detached evidence back in a TransactionCase.
        try:
            call(*args)
        except UserError as error:
            self.assertIn("Closing refused", str(error))
            return error
        self.fail("the closing should have been refused")

    def test_machine_lost_50_at_its_own_screen_cannot_close(self):
        if not self.guard_installed():
            return
        self.sell_through_machine()
        withdrawal = self.machine.control("withdraw", amount="5000")["operationId"]
        self.session.get_closing_control_data()
        # The cashier types the expected amount for the machine: the machine's level wins.
        answer = self.session.guard_evaluate(100, [], [(self.cashdro_pm.id, self.level0 + 40)])
        self.assertTrue(answer["blocked"])
        row = self.machine_row(answer["cash_rows"])
        self.assertEqual((row["expected"], row["counted"], row["difference"]),
                         (self.level0 + 40, self.level0 - 10, -50))
        self.assertRefused(self.session.post_closing_cash_details, 100)
        self.assertRefused(self.session.close_session_from_ui)
        self.assertNotEqual(self.session.state, "closed")
        log = self.logs("blocked")[:1]
        self.assertEqual(log.difference, -50)
        self.assertIn(f"machine operation {withdrawal}: Withdrawal (type 2)", log.reason)

    def test_override_by_a_manager_names_the_operation(self):
        if not self.guard_installed():
            return
        withdrawal = self.machine.control("withdraw", amount="5000")["operationId"]
        self.session.get_closing_control_data()
        self.config.sudo().guard_override_group_ids = self.env.ref("point_of_sale.group_pos_manager")
        session = self.session.with_user(self.manager_user)
        self.assertTrue(session.guard_evaluate(100, [], [])["blocked"])
        answer = session.guard_register_override(100, [], None, "Float moved to the safe", [])
        self.assertTrue(answer["ok"], answer)
        session.post_closing_cash_details(100)
        self.assertTrue(session.close_session_from_ui()["successful"])
        self.assertEqual(session.state, "closed")
        log = self.logs("overridden")
        self.assertEqual(log.difference, -50)
        self.assertTrue(log.reason.startswith("Float moved to the safe"))
        self.assertIn(f"machine operation {withdrawal}", log.reason)

    def test_exact_machine_count_closes_with_no_dialog(self):
        if not self.guard_installed():
            return
        self.sell_through_machine()
        self.session.get_closing_control_data()
        # Whatever the cashier typed for the machine: it counts itself.
        self.assertFalse(self.session.guard_evaluate(100, [], [(self.cashdro_pm.id, 0)])["blocked"])
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        self.assertEqual(self.session.state, "closed")
        self.assertFalse(self.GuardLog.search([("session_id", "=", self.session.id)]), "nothing to record")

    def test_raw_close_without_the_popup_reads_the_machine(self):
        if not self.guard_installed():
            return
        self.machine.control("withdraw", amount="5000")
        self.session.write({"cash_register_balance_end_real": 100})
        self.assertRefused(self.session.close_session_from_ui)
        self.assertEqual(self.readings("closing").total, self.level0 - 50)

    def test_unreachable_machine_needs_an_override_holder(self):
        if not self.guard_installed():
            return
        self.machine.control("network", fault="reset")
        self.session.get_closing_control_data()
        # The typed count matches what Odoo expects: still refused, the machine was not read.
        answer = self.session.guard_evaluate(100, [], [(self.cashdro_pm.id, self.level0)])
        self.assertTrue(answer["blocked"])
        self.assertIn("machine not read", answer["message"])
        self.assertRefused(self.session.post_closing_cash_details, 100)
        self.assertIn("machine not read", self.logs("blocked")[:1].reason)


@tagged("post_install", "-at_install")
class TestMachineThroughTheGuardWithPin(TestMachineThroughTheGuard):
    """Employee login: only an approver's PIN (checked by the server) lets the difference through."""

    employee_login = True

    def approve(self, value):
        token = self.session.lp_request_approval(
            OVERRIDE, self.manager.id, MANAGER_PIN, value=value, requested_by_id=self.cashier.id)
        self.assertTrue(token["ok"], token.get("message"))
        return token["token"]

    def test_override_by_a_manager_names_the_operation(self):
        """With employee login the Odoo user's groups decide nothing (covered by the PIN test)."""

    def test_withdrawal_at_the_screen_overridden_with_pin(self):
        if not self.guard_installed():
            return
        withdrawal = self.machine.control("withdraw", amount="5000")["operationId"]
        self.session.get_closing_control_data()
        answer = self.session.guard_register_override(100, [], None, "no PIN", [])
        self.assertFalse(answer["ok"], "no PIN, no override")
        token = self.approve(100 + self.level0 - 50)
        answer = self.session.guard_register_override(100, [], token, "Operator took the float to the bank", [])
        self.assertTrue(answer["ok"], answer)
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        log = self.logs("overridden")
        self.assertEqual((log.approver_id, log.difference), (self.manager, -50))
        self.assertIn(f"machine operation {withdrawal}: Withdrawal (type 2)", log.reason)

    def test_unreachable_machine_closed_by_pin_with_typed_count(self):
        if not self.guard_installed():
            return
        self.machine.control("network", fault="reset")
        self.session.get_closing_control_data()
        typed = [(self.cashdro_pm.id, self.level0)]
        token = self.approve(100 + self.level0)
        answer = self.session.guard_register_override(100, [], token, "Machine off, counted by hand", typed)
        self.assertTrue(answer["ok"], answer)
        self.session.post_closing_cash_details(100)
        self.assertTrue(self.session.close_session_from_ui()["successful"])
        log = self.logs("overridden")
        self.assertEqual((log.counted, log.approver_id), (self.level0, self.manager))
        self.assertIn("machine not read", log.reason)
        self.assertEqual(json.loads(self.session.guard_cash_counted), {str(self.cashdro_pm.id): self.level0})
