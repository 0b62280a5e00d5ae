"""The base's reconciliation extension point: what the CashDro sees wrong in a session."""

from odoo.tests import tagged

from .test_payment_method import CashdroCommon


@tagged("post_install", "-at_install")
class TestCashdroReconciliationFindings(CashdroCommon):
    def test_flagged_payment_and_unimported_operation(self):
        self.open_new_session()
        session = self.pos_session
        self.assertEqual(session._lp_reconciliation_findings(), [], "a clean session: nothing to say")
        product = self.create_product("Widget", self.categ_basic, 18.25)
        order_data = self.create_ui_order_data([(product, 1)], payments=[(self.cashdro_pm, 18.25)])
        # The machine could not give 0.75 of change: the cashier paid it from the drawer.
        order_data["payment_ids"][0][2]["cashdro_change_not_available"] = 0.75
        self.env["pos.order"].with_user(self.till_user).sync_from_ui([order_data])  # no machine operation
        self.cashdro_pm.with_user(self.till_user).cashdro_log_event(
            session.id, "finish", {"operation_id": "77", "amount_kept": 5.0, "state": "F"})
        findings = sorted(session._lp_reconciliation_findings(), key=lambda f: f["key"])
        self.assertEqual([f["key"].split(":")[0] for f in findings], ["cashdro-operation", "cashdro-payment"])
        self.assertEqual((findings[0]["amount"], findings[0]["session_id"]), (5.0, session.id))
        self.assertEqual((findings[1]["amount"], findings[1]["severity"]), (18.25, "high"))
        self.assertEqual(findings[1]["cash_difference"], -0.75, "the drawer is short of the change it gave")
        self.cashdro_pm.with_user(self.till_user).cashdro_log_event(
            session.id, "import", {"operation_id": "77"})
        self.assertEqual([f["key"].split(":")[0] for f in session._lp_reconciliation_findings()],
                         ["cashdro-payment"], "imported: the operation is no longer a finding")
