from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ReconciliationCommon


@tagged("post_install", "-at_install")
class TestCash(ReconciliationCommon):
    def test_counted_difference_shown_with_cause_then_ignored_with_reason(self):
        session = self.sold_session(difference=-3.0)
        self.reconcile()
        exception = self.assertOneException(session, "cash_difference")
        self.assertEqual(exception.amount_at_stake, 3.0)
        self.assertIn("loss", exception.explanation)
        self.assertIn("counted", exception.explanation)
        with self.assertRaises(UserError):
            exception.action_ignore("  ")
        with self.assertRaises(ValidationError):
            exception.write({"status": "ignored"})
        wizard = self.env["pos.reconciliation.ignore.wizard"].create({
            "exception_ids": [Command.set(exception.ids)], "reason": "Drawer short: cashier paid a courier"})
        wizard.action_confirm()
        self.assertEqual(exception.status, "ignored")
        last = exception.history_ids.sorted("id")[-1]
        self.assertEqual((last.old_status, last.new_status, last.note, last.user_id),
                         ("open", "ignored", "Drawer short: cashier paid a courier", self.env.user))
        with self.assertRaises(UserError):
            last.write({"note": "nothing happened"})
        with self.assertRaises(UserError):
            last.unlink()
        self.reconcile()
        self.assertEqual(exception.status, "ignored", "an ignored problem stays ignored")

    def test_cash_statement_line_deleted(self):
        session = self.sold_session()
        line = session.statement_line_ids.filtered(lambda st: st.amount > 0)
        self.assertEqual(len(line), 1)
        vals = {"journal_id": line.journal_id.id, "amount": line.amount, "payment_ref": line.payment_ref,
                "pos_session_id": session.id, "date": line.date,
                "counterpart_account_id": self.cash_pm1.receivable_account_id.id}
        line.move_id.line_ids.remove_move_reconcile()
        line.unlink()
        self.reconcile()
        exception = self.assertOneException(session, "cash_statement")
        self.assertEqual(exception.amount_at_stake, 2 * vals["amount"], "missing from payments and from the count")
        self.env["account.bank.statement.line"].create(vals)
        self.assertResolved(exception)

    def _round_cash_by_005(self):
        """Cash rounding to 0.05 (HALF-UP, booked as a rounding line), as a Swiss shop would set it."""
        self.config.write({"cash_rounding": True, "rounding_method": self.env["account.cash.rounding"].create({
            "name": "Recon 0.05", "rounding": 0.05, "strategy": "add_invoice_line", "rounding_method": "HALF-UP",
            "profit_account_id": self.company.default_cash_difference_income_account_id.copy().id,
            "loss_account_id": self.company.default_cash_difference_expense_account_id.copy().id,
        }).id})
        product = self.create_product("Recon Odd Pen", self.categ_basic, 9.83, tax_ids=self.taxes["tax7"].ids)
        self.env["stock.quant"]._update_available_quantity(product, self.stock_location, 10)
        return product

    def _rounded_session(self, product, difference=0.0):
        session = self.open_new_session(0)
        data = self.create_ui_order_data([(product, 1)])
        self.assertAlmostEqual(data["amount_total"], 10.52)
        data = self.create_ui_order_data([(product, 1)], payments=[(self.cash_pm1, 10.50)])  # rounded down 0.02
        self.env["pos.order"].sync_from_ui([data])
        return self.close(session, difference=difference)

    def test_rounding_shown_apart_from_counted_difference(self):
        product = self._round_cash_by_005()
        # Rounding alone is what the method is for: nothing to say.
        rounded = self._rounded_session(product)
        rounding_line = rounded.move_id.line_ids.filtered(
            lambda line: line.account_id == self.config.rounding_method.loss_account_id)
        self.assertEqual(rounding_line.balance, 0.02, "the entry books the rounding as a loss")
        self.reconcile()
        self.assertFalse(self.exceptions(session=rounded), self.exceptions(session=rounded).mapped("explanation"))
        # With a counted difference, the exception is the count only; the rounding is named beside it.
        session = self._rounded_session(product, difference=-1.0)
        self.reconcile()
        exception = self.assertOneException(session, "cash_difference")
        self.assertEqual(exception.amount_at_stake, 1.0, "the rounding (0.02) is not added to the counted 1.00")
        self.assertIn("cause: the cash counted differed", exception.explanation)
        self.assertIn("cash rounding of the session's orders booked", exception.explanation)
        self.assertIn("0.02", exception.explanation)

    def test_terminal_part_of_a_counted_difference_is_named(self):
        """A cash machine could not give 3.00 of change; the cashier paid it from the drawer, now 3.00 short."""
        session = self.sold_session(difference=-3.0)
        finding = [{"session_id": session.id, "key": "cashdro-payment:1", "amount": 20.0, "cash_difference": -3.0,
                    "payment_method_id": self.cash_pm1.id, "severity": "high",
                    "explanation": "the machine could not give 3.00 of change", "suggested_fix": "Check the machine"}]
        with patch.object(type(self.env["pos.session"]), "_lp_reconciliation_findings", lambda self: finding):
            self.reconcile()
        found = self.exceptions(session=session, status="open")
        self.assertEqual(sorted(found.mapped("type")), ["cash_difference", "terminal"])
        difference = found.filtered(lambda e: e.type == "cash_difference")
        self.assertEqual((difference.amount_at_stake, difference.severity), (3.0, "low"), "explained by the machine")
        self.assertIn("payment terminal's own difference", difference.explanation)
        # Without the machine's word, the same count is an unexplained (medium) difference.
        self.reconcile()
        difference.invalidate_recordset()
        self.assertEqual(difference.severity, "medium")
        self.assertNotIn("payment terminal", difference.explanation)
