from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LossPreventionCommon


@tagged("post_install", "-at_install")
class TestEvidenceChain(LossPreventionCommon):
    """The evidence mixin, exercised through the base's own log of refused PINs."""

    def setUp(self):
        super().setUp()
        self.session = self.open_till()
        self.Log = self.env["pos.pin.attempt.log"]
        self.rows = self.Log.sudo().create([
            {"session_id": self.session.id, "action": "test", "outcome": "pin_failed",
             "employee_id": self.manager.id, "message": f"try {i}"}
            for i in range(4)
        ])

    def _verify(self):
        return self.Log._evidence_verify_chain(self.company)

    def test_rows_are_chained(self):
        self.assertEqual(len(set(self.rows.mapped("evidence_hash"))), 4)
        first, second = self.rows.sorted("evidence_sequence")[:2]
        self.assertEqual(second.evidence_prev_hash, first.evidence_hash)
        checked, broken, _reason = self._verify()
        self.assertGreaterEqual(checked, 4)
        self.assertFalse(broken)

    def test_nobody_edits_or_deletes_admin_included(self):
        row = self.rows[0]
        for env_row in (row, row.sudo(), row.with_user(self.manager_user).sudo()):
            with self.assertRaises(UserError):
                env_row.write({"message": "nothing happened"})
            with self.assertRaises(UserError):
                env_row.unlink()
            with self.assertRaises(UserError):
                env_row.copy()

    def test_till_user_cannot_forge_rows(self):
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.Log.with_user(self.till_user).create({"session_id": self.session.id, "outcome": "pin_failed"})

    def test_sql_edit_is_detected_at_the_right_row(self):
        target = self.rows.sorted("evidence_sequence")[2]
        self.env.cr.execute("UPDATE pos_pin_attempt_log SET message = 'edited' WHERE id = %s", [target.id])
        _checked, broken, reason = self._verify()
        self.assertEqual(broken, target)
        self.assertIn("no longer matches", reason)
        action = self.Log.action_evidence_verify_integrity()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(f"#{target.evidence_sequence}", action["params"]["message"])

    def test_sql_delete_is_detected(self):
        ordered = self.rows.sorted("evidence_sequence")
        self.env.cr.execute("DELETE FROM pos_pin_attempt_log WHERE id = %s", [ordered[1].id])
        _checked, broken, reason = self._verify()
        self.assertEqual(broken, ordered[2])
        self.assertIn("deleted", reason)

    def test_intact_chain_reports_success(self):
        action = self.Log.action_evidence_verify_integrity()
        self.assertEqual(action["params"]["type"], "success")

    def test_sql_tail_truncation_is_detected(self):
        """Deleting the last rows leaves a valid chain; the head's witness outside the table tells."""
        ordered = self.rows.sorted("evidence_sequence")
        self.env.cr.execute("DELETE FROM pos_pin_attempt_log WHERE id IN %s", [tuple(ordered[-2:].ids)])
        _checked, broken, reason = self._verify()
        self.assertEqual(broken, ordered[-3])
        self.assertIn("TRUNCATED", reason)
        self.assertIn("the last 2 row(s)", reason)
        action = self.Log.action_evidence_verify_integrity()
        self.assertEqual(action["params"]["type"], "danger")

    def test_witness_follows_the_head(self):
        head = self.rows.sorted("evidence_sequence")[-1]
        witness = self.env["pos.evidence.witness"].search(
            [("model_name", "=", "pos.pin.attempt.log"), ("company_id", "=", self.company.id)])
        self.assertEqual((witness.row_count, witness.head_hash), (head.evidence_sequence, head.evidence_hash))
        with self.assertRaises(UserError):
            witness.write({"row_count": 1})
        with self.assertRaises(UserError):
            witness.unlink()

    def test_deleted_witness_is_reported(self):
        self.env.cr.execute("DELETE FROM pos_evidence_witness WHERE model_name = 'pos.pin.attempt.log'")
        _checked, broken, reason = self._verify()
        self.assertTrue(broken)
        self.assertIn("witness", reason)

    def test_upgrade_witnesses_existing_chains(self):
        """The 18.0.1.1.0 migration's bootstrap: a chain that predates the witness gets one at its head."""
        self.env.cr.execute("DELETE FROM pos_evidence_witness WHERE model_name = 'pos.pin.attempt.log'")
        self.env["pos.evidence.witness"]._lp_bootstrap()
        _checked, broken, _reason = self._verify()
        self.assertFalse(broken)
        head = self.rows.sorted("evidence_sequence")[-1]
        self.assertEqual(self.env["pos.evidence.witness"]._lp_witness("pos.pin.attempt.log", self.company.id),
                         (head.evidence_sequence, head.evidence_hash))
