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
            "exception_ids": [(6, 0, exception.ids)], "reason": "Drawer short: cashier paid a courier"})
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
