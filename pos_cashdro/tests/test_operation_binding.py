"""Issue 17, CashDro: a machine operation backs one payment of one order of the session whose register
reported it (start and finish events), and the server's flag is evidence the till cannot clear.

Raw ``sync_from_ui`` and ``write`` calls as the POS user (no manager rights), as a dishonest
cashier would send them.
"""

import uuid

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_payment_method import CashdroCommon


@tagged("post_install", "-at_install")
class TestCashdroOperationBinding(CashdroCommon):
    def setUp(self):
        super().setUp()
        self.open_new_session()
        self.session = self.pos_session.with_user(self.till_user)
        self.product = self.create_product("Lamp", self.categ_basic, 40.0)
        self.Log = self.env["pos.cashdro.operation.log"]

    def report(self, session, event, operation, payment_uuid, kept=40.0):
        """What the register reports through the event RPC while the machine runs the operation."""
        values = {"operation_id": operation, "payment_uuid": payment_uuid, "amount_requested": 40.0,
                  "amount_inserted": kept, "amount_kept": kept if event == "finish" else 0.0,
                  "state": "F" if event == "finish" else "I", "operation_type": "4"}
        answer = self.cashdro_pm.with_user(self.till_user).cashdro_log_event(session.id, event, values)
        self.assertTrue(answer["ok"], answer)

    def sync(self, operation, payment_uuid=None, **extra):
        order_data = self.create_ui_order_data([(self.product, 1)], payments=[(self.cashdro_pm, 40.0)])
        order_data["payment_ids"][0][2].update({
            "uuid": payment_uuid or str(uuid.uuid4()), "cashdro_operation_id": operation, "cashdro_state": "F",
            "cashdro_amount_requested": 40.0, "cashdro_amount_inserted": 40.0, "cashdro_amount_kept": 40.0,
            "payment_status": "done", **extra,
        })
        sync = self.env["pos.order"].with_user(self.till_user).sync_from_ui([order_data])
        return self.env["pos.order"].browse(sync["pos.order"][0]["id"]).payment_ids

    def flags(self, operation):
        return self.Log.search([("event", "=", "flag"), ("operation_id", "=", operation)])

    def test_operation_reported_by_the_register_is_consistent(self):
        line = str(uuid.uuid4())
        self.report(self.session, "start", "501", line)
        self.report(self.session, "finish", "501", line)
        payment = self.sync("501", line)
        self.assertFalse(payment.cashdro_flagged, payment.cashdro_server_check)
        self.assertFalse(self.flags("501"))

    def test_operation_never_reported_is_flagged(self):
        """Client fields alone (id, state F, kept) no longer vouch for a payment."""
        payment = self.sync("777", cashdro_flagged=False, cashdro_server_check="")
        self.assertEqual(payment.pos_order_id.state, "paid", "paid orders are never refused")
        self.assertTrue(payment.cashdro_flagged)
        self.assertIn("never reported by a register", payment.cashdro_server_check)
        self.assertEqual(self.flags("777").payment_uuid, payment.uuid)

    def test_start_without_finish_is_flagged(self):
        line = str(uuid.uuid4())
        self.report(self.session, "start", "502", line)
        payment = self.sync("502", line)
        self.assertIn("lacks the register's finish report", payment.cashdro_server_check)

    def test_one_operation_cannot_back_two_orders(self):
        line = str(uuid.uuid4())
        self.report(self.session, "start", "503", line)
        self.report(self.session, "finish", "503", line)
        first = self.sync("503", line)
        self.assertFalse(first.cashdro_flagged)
        second = self.sync("503", line)
        self.assertTrue(second.cashdro_flagged)
        self.assertIn("already backs a payment of order %s" % first.pos_order_id.name, second.cashdro_server_check)
        self.assertEqual(self.flags("503").order_uuid, second.pos_order_id.uuid)
        # Another line uuid than the one the register reported: flagged too.
        third = self.sync("503")
        self.assertIn("another payment line", third.cashdro_server_check)

    def test_operation_of_another_session_is_flagged(self):
        # A cash method belongs to one register; another session of it (here a recovery session)
        # is where a finished operation could be taken from.
        other_session = self.env["pos.session"].create(
            {"config_id": self.config.id, "rescue": True, "name": "RESCUE FOR Shop"})
        line = str(uuid.uuid4())
        self.report(other_session, "start", "504", line)
        self.report(other_session, "finish", "504", line)
        payment = self.sync("504", line)
        self.assertTrue(payment.cashdro_flagged)
        self.assertIn("reported by another session (%s)" % other_session.name, payment.cashdro_server_check)

    def test_cashier_cannot_clear_the_flag_or_the_machine_figures(self):
        payment = self.sync("778")
        self.assertTrue(payment.cashdro_flagged)
        till = payment.with_user(self.till_user)
        for vals in ({"cashdro_flagged": False}, {"cashdro_server_check": False},
                     {"cashdro_amount_kept": 0.0}, {"cashdro_operation_id": "1"}):
            with self.assertRaises(AccessError):
                till.write(vals)
        with self.assertRaises(AccessError):
            payment.with_user(self.manager_user).write({"cashdro_flagged": False})
        self.assertTrue(payment.cashdro_flagged)
        # A re-synced order resends its lines unchanged: that is not a change.
        till.write({"cashdro_flagged": True, "cashdro_state": "F", "cashdro_amount_kept": 40.0})

    def test_the_till_cannot_forge_a_consistent_verdict(self):
        """cashdro_flagged / cashdro_server_check in the order JSON are dropped: the server decides."""
        line = str(uuid.uuid4())
        self.report(self.session, "start", "505", line)
        self.report(self.session, "finish", "505", line)
        payment = self.sync("505", line, cashdro_flagged=True, cashdro_server_check="forged")
        self.assertFalse(payment.cashdro_flagged)
        self.assertFalse(payment.cashdro_server_check)
