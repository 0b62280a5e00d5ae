from odoo.tests import tagged

from .common import ReconciliationCommon


@tagged("post_install", "-at_install")
class TestJournalEntry(ReconciliationCommon):
    def test_clean_session_raises_nothing(self):
        session = self.sold_session((self.cash_pm1, 0.5), (self.bank_pm1, 0.5))
        self.assertTrue(session.move_id)
        self.reconcile()
        self.assertFalse(self.exceptions(session=session), self.exceptions(session=session).mapped("explanation"))
        self.assertEqual(session.lp_reconciliation_status, "ok")
        self.assertEqual(session.lp_reconciliation_count, 0)
        # Transit is only late after the company's delay.
        self.reconcile(days_later=1)
        self.assertFalse(self.exceptions(session=session))

    def test_close_runs_the_reconciliation(self):
        session = self.open_new_session(0)
        self.sell()
        self.close(session, difference=-5.0)  # closing runs the checks after posting: no run called here
        exception = self.assertOneException(session, "cash_difference")
        self.assertEqual(exception.amount_at_stake, 5.0)
        self.assertEqual(session.lp_reconciliation_count, 1)
        self.assertEqual(session.lp_reconciliation_status, "open")

    def test_entry_in_draft(self):
        session = self.sold_session()
        session.move_id.button_draft()
        self.reconcile()
        exception = self.assertOneException(session, "entry_draft")
        self.assertEqual(exception.severity, "high")
        self.assertEqual(session.lp_reconciliation_status, "high")
        session.move_id.action_post()
        self.assertResolved(exception)

    def test_entry_missing(self):
        session = self.sold_session()
        move = session.move_id
        move.button_draft()
        rebooked = move.copy({"ref": session.name})
        move.line_ids.remove_move_reconcile()
        move.unlink()
        self.assertFalse(session.move_id)
        self.reconcile()
        exception = self.assertOneException(session, "entry_missing")
        self.assertIn(session.name, exception.explanation)
        # Fixed: finance books the session again and links the entry.
        rebooked.action_post()
        session.move_id = rebooked
        self.assertResolved(exception)

    def test_entry_reversed(self):
        session = self.sold_session()
        reversal = session.move_id._reverse_moves(cancel=True)
        self.reconcile()
        exception = self.assertOneException(session, "entry_reversed")
        reversal.button_draft()
        reversal.button_cancel()
        self.assertResolved(exception)

    def test_entry_unbalanced(self):
        session = self.sold_session()
        line = session.move_id.line_ids.filtered("credit")[:1]
        self.env.flush_all()
        # Only a database edit can unbalance a posted entry.
        self.env.cr.execute("UPDATE account_move_line SET credit = credit + 1, balance = balance - 1 WHERE id = %s",
                            [line.id])
        self.env.invalidate_all()
        self.reconcile()
        exception = self.assertOneException(session, "entry_unbalanced")
        self.assertEqual(exception.amount_at_stake, 1.0)
        self.env.cr.execute("UPDATE account_move_line SET credit = credit - 1, balance = balance + 1 WHERE id = %s",
                            [line.id])
        self.env.invalidate_all()
        self.assertResolved(exception)

    def test_found_again_after_manual_resolution_and_ignored_stays_ignored(self):
        session = self.sold_session()
        session.move_id.button_draft()
        self.reconcile()
        exception = self.assertOneException(session, "entry_draft")
        exception.write({"status": "resolved"})
        self.reconcile()
        self.assertEqual(exception.status, "open", "still draft: found again")
        exception.action_ignore("posting waits for the auditor")
        self.reconcile()
        self.assertEqual(exception.status, "ignored")
        self.assertEqual(len(self.exceptions(session=session)), 1, "one row per problem, never duplicated")
        self.assertEqual(exception.history_ids.sorted("id").mapped("new_status"),
                         ["open", "resolved", "open", "ignored"])

    def test_daily_window_is_the_company_setting(self):
        session = self.sold_session()
        session.move_id.button_draft()  # after the close's own check: only the daily run can see it
        self.company.lp_reconciliation_days = 2
        self.reconcile(days_later=3)
        self.assertFalse(self.exceptions(session=session), "closed 3 days before the run: outside a 2-day window")
        self.company.lp_reconciliation_days = 4
        self.reconcile(days_later=3)
        self.assertOneException(session, "entry_draft")
        # Once found, the session is checked again whatever its age, so that the exception can resolve.
        self.company.lp_reconciliation_days = 1
        self.reconcile(days_later=3)
        self.assertOneException(session, "entry_draft")
