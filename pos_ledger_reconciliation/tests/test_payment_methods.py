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
                (0, 0, {"account_id": self.bank_pm1.journal_id.default_account_id.id, "debit": outstanding.balance}),
                (0, 0, {"account_id": self.outstanding_bank.id, "credit": outstanding.balance}),
            ],
        })
        payout.action_post()
        (outstanding | payout.line_ids.filtered(lambda line: line.account_id == self.outstanding_bank)).reconcile()
        self.assertTrue(outstanding.reconciled)
        self.reconcile(days_later=4)
        exception.invalidate_recordset()
        self.assertEqual(exception.status, "resolved")
        self.assertFalse(self.exceptions(session=session, status="open"))
