from odoo import Command
from odoo.tests import tagged

from .common import ReconciliationCommon


@tagged("post_install", "-at_install")
class TestPaymentMethods(ReconciliationCommon):
    def test_bank_payment_not_posted(self):
        session = self.sold_session((self.bank_pm1, 1.0))
        payment = session.bank_payment_ids.filtered(lambda p: p.pos_payment_method_id == self.bank_pm1)
        self.assertTrue(payment)
        payment.action_draft()
        self.reconcile()
        exception = self.assertOneException(session, "payment_posted")
        self.assertEqual(exception.payment_method_id, self.bank_pm1)
        self.assertEqual(exception.amount_at_stake, session.order_ids.amount_total)
        payment.action_post()
        self.assertResolved(exception)

    def test_account_mapping_deleted(self):
        session = self.sold_session((self.bank_pm1, 1.0))
        self.reconcile()
        self.assertFalse(self.exceptions(session=session))
        # The method's intermediary account is removed after the session: it now maps to the default.
        self.bank_pm1.receivable_account_id = False
        self.reconcile()
        exception = self.assertOneException(session, "payment_mapping")
        self.assertIn(self.pos_receivable_bank.display_name, exception.explanation)
        self.bank_pm1.receivable_account_id = self.pos_receivable_bank
        self.assertResolved(exception)

    def test_transit_unreconciled_past_delay(self):
        self.company.lp_reconciliation_transit_days = 3
        session = self.sold_session((self.bank_pm1, 1.0))
        self.reconcile(days_later=2)
        self.assertFalse(self.exceptions(session=session), "within the delay")
        self.reconcile(days_later=4)
        exception = self.assertOneException(session, "transit")
        self.assertEqual(exception.amount_at_stake, session.order_ids.amount_total)
        # The bank's payout arrives and is matched with the outstanding line.
        outstanding = session.bank_payment_ids.move_id.line_ids.filtered(
            lambda line: line.account_id == self.outstanding_bank)
        payout = self.env["account.move"].create({
            "journal_id": self.bank_pm1.journal_id.id,
            "line_ids": [
                Command.create({"account_id": self.bank_pm1.journal_id.default_account_id.id,
                                "debit": outstanding.balance}),
                Command.create({"account_id": self.outstanding_bank.id, "credit": outstanding.balance}),
            ],
        })
        payout.action_post()
        (outstanding | payout.line_ids.filtered(lambda line: line.account_id == self.outstanding_bank)).reconcile()
        self.assertTrue(outstanding.reconciled)
        self.reconcile(days_later=4)
        exception.invalidate_recordset()
        self.assertEqual(exception.status, "resolved")
        self.assertFalse(self.exceptions(session=session, status="open"))

    def test_bank_method_closing_difference(self):
        """The cashier enters 5.00 less for the card terminal than the tills took: a booked closing difference."""
        self.bank_pm1.journal_id.write({
            "loss_account_id": self.company.default_cash_difference_expense_account_id.id,
            "profit_account_id": self.company.default_cash_difference_income_account_id.id,
        })
        session = self.open_new_session(0)
        self.sell((self.bank_pm1, 1.0))
        session.post_closing_cash_details(session.cash_register_balance_start)
        result = session.close_session_from_ui([(self.bank_pm1.id, -5.0)])
        self.assertTrue(result.get("successful"), result)
        loss = session.bank_payment_ids.move_id.line_ids.filtered(
            lambda line: line.account_id == self.company.default_cash_difference_expense_account_id)
        self.assertEqual(loss.balance, 5.0, "Odoo books the difference to the bank journal's loss account")
        self.reconcile()
        exception = self.assertOneException(session, "cash_difference")  # not "payments not posted"
        self.assertEqual((exception.payment_method_id, exception.amount_at_stake), (self.bank_pm1, 5.0))
        self.assertIn("loss", exception.explanation)
        self.assertIn("the amount counted for Bank", exception.explanation)
        exception.action_ignore("Terminal report shows a 5.00 chargeback")
        self.reconcile()
        self.assertEqual(exception.status, "ignored", "an explained difference stays ignored")
        self.assertEqual(len(self.exceptions(session=session)), 1)

    def test_method_journal_removed_after_the_session(self):
        session = self.sold_session((self.bank_pm1, 1.0))
        journal = self.bank_pm1.journal_id
        self.bank_pm1.journal_id = False  # the method now maps to no bank journal at all
        self.reconcile()
        exception = self.assertOneException(session, "payment_mapping")
        self.assertIn("has no journal any more", exception.explanation)
        self.bank_pm1.journal_id = journal
        self.assertResolved(exception)
