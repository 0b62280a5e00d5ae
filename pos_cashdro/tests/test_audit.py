"""Audit: the POS's protocol events land in an evidence log; payment lines keep what the machine did."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_payment_method import CashdroCommon


@tagged("post_install", "-at_install")
class TestCashdroAudit(CashdroCommon):
    def _event(self, session, event, **values):
        return self.cashdro_pm.with_user(self.till_user).cashdro_log_event(session.id, event, values)

    def test_log_event_rpc_and_immutability(self):
        session = self.open_till()
        result = self._event(session, "finish", operation_id="452", amount_requested=18.25, amount_inserted=19.0,
                             amount_returned=0.75, amount_kept=18.25, state="F", raw={"operation": {"state": "F"}},
                             operation_type="4")
        self.assertTrue(result["ok"], result)
        log = self.env["pos.cashdro.operation.log"].browse(result["id"])
        self.assertEqual((log.operation_id, log.amount_kept, log.config_id), ("452", 18.25, self.config))
        self.assertIn('"state": "F"', log.raw_response)
        self.assertTrue(log.evidence_hash)
        with self.assertRaises(UserError):
            log.write({"amount_kept": 0})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        with self.assertRaises(UserError):
            log.with_user(self.manager_user).write({"message": "edited"})
        checked, broken, _reason = log._evidence_verify_chain(self.company)
        self.assertEqual((checked, broken), (1, None))

    def test_log_event_refusals(self):
        session = self.open_till()
        self.other_config.open_ui()
        other_session = self.other_config.current_session_id
        refused = self._event(other_session, "start", operation_id="1")
        self.assertFalse(refused["ok"], "a CashDro not used by that session")
        self.assertFalse(self._event(session, "delete_everything")["ok"])
        bank = self.config.payment_method_ids.filtered(lambda m: m.type == "bank")[:1]
        self.assertFalse(bank.with_user(self.till_user).cashdro_log_event(session.id, "start", {})["ok"])
        outsider = self.env["res.users"].create({
            "name": "No POS", "login": "cdr_nopos", "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        self.assertFalse(self.cashdro_pm.with_user(outsider).cashdro_log_event(session.id, "start", {})["ok"])
        self.assertFalse(self.env["pos.cashdro.operation.log"].search([]))

    def test_payment_audit_fields_synced_with_order(self):
        self.open_new_session()
        product = self.create_product("Widget", self.categ_basic, 18.25)
        order_data = self.create_ui_order_data([(product, 1)], payments=[(self.cashdro_pm, 18.25)])
        # The register reported the operation's start and finish while the machine ran it.
        line_uuid = "9f1c7a52-cashdro-line"
        for event in ("start", "finish"):
            self._event(self.pos_session, event, operation_id="452", payment_uuid=line_uuid, amount_requested=18.25,
                        amount_kept=18.25 if event == "finish" else 0.0, state="F" if event == "finish" else "I")
        order_data["payment_ids"][0][2].update({
            "uuid": line_uuid,
            "cashdro_operation_id": "452", "cashdro_terminal": "till @ 127.0.0.1", "cashdro_amount_requested": 18.25,
            "cashdro_amount_inserted": 19.0, "cashdro_amount_returned": 0.75, "cashdro_amount_kept": 18.25,
            "cashdro_state": "F", "cashdro_imported": True, "cashdro_denominations": '{"in": {"1000": 1}}',
            "payment_status": "done",
        })
        order_id = self.env["pos.order"].sync_from_ui([order_data])["pos.order"][0]["id"]
        payment = self.env["pos.order"].browse(order_id).payment_ids
        self.assertEqual(payment.cashdro_operation_id, "452")
        self.assertEqual((payment.cashdro_amount_inserted, payment.cashdro_amount_returned), (19.0, 0.75))
        self.assertEqual(payment.amount, 18.25, "booked net: no change line against another drawer")
        self.assertFalse(payment.cashdro_flagged, "consistent with the machine")
        self.assertFalse(self.env["pos.order"].browse(order_id).payment_ids.filtered("is_change"))

    def test_raw_sync_of_unbacked_cashdro_payment_is_accepted_and_flagged(self):
        """A till that sends a CashDro payment the machine never made: order kept, payment flagged."""
        self.open_new_session()
        product = self.create_product("Widget", self.categ_basic, 18.25)
        order_data = self.create_ui_order_data([(product, 1)], payments=[(self.cashdro_pm, 18.25)])
        sync = self.env["pos.order"].with_user(self.till_user).sync_from_ui([order_data])
        payment = self.env["pos.order"].browse(sync["pos.order"][0]["id"]).payment_ids
        self.assertEqual(payment.pos_order_id.state, "paid", "paid orders are never refused")
        self.assertTrue(payment.cashdro_flagged)
        self.assertIn("without a finished machine operation", payment.cashdro_server_check)
        flag = self.env["pos.cashdro.operation.log"].search([("event", "=", "flag")])
        self.assertEqual(flag.payment_uuid, payment.uuid)
        # Amount that differs from what the register reported the machine kept.
        self._event(self.pos_session.with_user(self.till_user), "finish", operation_id="99", amount_kept=10.0,
                    state="F")
        order_data = self.create_ui_order_data([(product, 1)], payments=[(self.cashdro_pm, 18.25)])
        order_data["payment_ids"][0][2].update(
            cashdro_operation_id="99", cashdro_state="F", cashdro_amount_kept=18.25)
        sync = self.env["pos.order"].with_user(self.till_user).sync_from_ui([order_data])
        payment = self.env["pos.order"].browse(sync["pos.order"][0]["id"]).payment_ids
        self.assertIn("differs from the machine's report", payment.cashdro_server_check)
        # The POS cannot forge a server flag through the event RPC.
        self.assertFalse(self._event(self.pos_session, "flag", operation_id="99")["ok"])

    def test_unimported_operations_warned_at_closing(self):
        session = self.open_till()
        self._event(session, "start", operation_id="7")
        self._event(session, "finish", operation_id="7", state="F")
        self._event(session, "start", operation_id="8")
        self._event(session, "import", operation_id="8")
        self.assertEqual(session.cashdro_unimported_operations(), ["7"])
        self.assertEqual(session.get_closing_control_data()["cashdro_unimported"], ["7"])
