"""Issue 11: cash in / cash out through the CashDro, booked at what the machine moved.

The register runs the load (type 1) or the withdrawal (type 2) on the machine; here the test does
it through the simulator's web service as the register's client would, then calls
``try_cash_in_out`` by raw RPC as the till user, as the cash move popup does. The server reads
the operation back from the machine (askOperation) and books that, once.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_closing_reconciliation import ReconciliationCommon


@tagged("post_install", "-at_install")
class TestCashMoveThroughTheMachine(ReconciliationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The CashDro is the register's cash method: core books the cash moves on it.
        cls.config.payment_method_ids.filtered(lambda pm: pm.is_cash_count).write({"sequence": 50})
        cls.cashdro_pm.sequence = 1

    def setUp(self):
        self.env.invalidate_all()  # the register's methods in their new order, before the till opens
        super().setUp()
        if "pos.security.role" in self.env:
            # The supervisor gate on cash moves is pos_security_pro's (and tested there): observe.
            self.config.lp_enforced = False
        self.assertEqual(self.session.cash_journal_id, self.cashdro_journal)

    def run_on_machine(self, op_type, amount_minor, insert=None, cancel=False):
        op_id = self.machine.start_sale(amount_minor, op_type=op_type, posid=self.config.name)
        if insert:
            self.machine.control("insert", values=insert, wait_for_state="E")
        if cancel:
            self.machine.wait_state(op_id, "E")
            self.machine.call("finishOperation", operationId=op_id, type=2)
        self.machine.wait_state(op_id)
        pm = self.cashdro_pm.with_user(self.till_user)
        for event in ("start", "finish"):
            pm.cashdro_log_event(self.session.id, event, {"operation_id": op_id, "operation_type": str(op_type)})
        return op_id

    def cash_move(self, direction, amount, op_id, counted=None):
        return self.session.try_cash_in_out(direction, amount, "float", {
            "translatedType": direction, "formattedAmount": str(amount),
            "cashdro": {"method_id": self.cashdro_pm.id, "operation_id": op_id,
                        "counted": amount if counted is None else counted},
        })

    def moves(self):
        return self.session.sudo().statement_line_ids

    def test_load_and_withdrawal_booked_at_the_machines_count_and_reconciled(self):
        load = self.run_on_machine(1, 5000, insert="2000,2000,2000")  # the operator fed in 60.00
        self.cash_move("in", 50.0, load, counted=999.0)
        self.assertEqual(self.moves().mapped("amount"), [60.0], "the machine's count, not the register's figure")
        self.assertEqual(self.moves().journal_id, self.cashdro_journal)
        with self.assertRaises(UserError):
            self.cash_move("in", 50.0, load)  # the same machine operation twice
        self.assertEqual(len(self.moves()), 1, "booked once")

        withdrawal = self.run_on_machine(2, 3000)
        with self.assertRaises(UserError):
            self.cash_move("in", 30.0, withdrawal)  # a withdrawal is no cash in
        self.cash_move("out", 30.0, withdrawal)
        self.assertEqual(sorted(self.moves().mapped("amount")), [-30.0, 60.0])

        logs = self.env["pos.cashdro.operation.log"].search(
            [("session_id", "=", self.session.id), ("event", "=", "cash_move")])
        self.assertEqual(sorted((log.operation_id, log.operation_type, log.amount_kept) for log in logs),
                         sorted([(load, "1", 60.0), (withdrawal, "2", -30.0)]))
        self.assertTrue(all(log.evidence_hash for log in logs), "sealed evidence")

        # Closing: the machine holds the moves, Odoo booked them once: no difference, nothing foreign.
        data = self.session.get_closing_control_data()
        rec = data["cashdro_reconciliation"][0]
        self.assertEqual((rec["level"], rec["expected"], rec["difference"]),
                         (self.level0 + 30, self.level0 + 30, 0.0))
        self.assertEqual(rec["foreign_operations"], [], "operations Odoo started are not listed as foreign")
        reading = self.readings("closing")
        self.assertEqual(sorted(reading.operation_ids.mapped("by_odoo")), [True, True])

    def test_cancelled_or_unknown_operation_books_nothing(self):
        cancelled = self.run_on_machine(1, 5000, insert="2000", cancel=True)  # 20.00 in, given back
        with self.assertRaises(UserError):
            self.cash_move("in", 50.0, cancelled)
        with self.assertRaises(UserError):
            self.cash_move("in", 50.0, "999999")  # not an operation of the machine
        with self.assertRaises(UserError):
            self.session.try_cash_in_out("in", 50.0, "float", {
                "translatedType": "in", "cashdro": {"method_id": self.cashdro_pm.id + 999, "operation_id": "1"}})
        self.assertFalse(self.moves())

    def test_machine_unreachable_from_the_server_books_the_registers_count(self):
        load = self.run_on_machine(1, 2000, insert="2000")
        self.machine.control("network", fault="reset")
        self.cash_move("in", 20.0, load, counted=20.0)
        self.machine.control("network", fault="")
        self.assertEqual(self.moves().mapped("amount"), [20.0])
        log = self.env["pos.cashdro.operation.log"].search(
            [("session_id", "=", self.session.id), ("event", "=", "cash_move")])
        self.assertIn("could not read the machine", log.message)

    def test_a_load_never_booked_is_listed_at_closing(self):
        """The machine took the cash but the booking failed: the closing names that operation."""
        load = self.run_on_machine(1, 2000, insert="2000")
        rec = self.session.get_closing_control_data()["cashdro_reconciliation"][0]
        self.assertEqual(rec["difference"], 20.0)
        self.assertEqual([op["ref"] for op in rec["foreign_operations"]], [load], "not booked: listed")
