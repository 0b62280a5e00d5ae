"""The independent witness of each evidence chain's head (tail truncation).

A hash chain shows an edited, inserted or deleted row in the middle, but not the loss of its
last rows: a chain cut after row 41 is a valid chain of 41 rows. So each chain's length and head
hash are also kept here, outside the log table, updated by the mixin in the same transaction as
the insert (gap-free: a rolled-back insert rolls its count back too, as l10n_fr_pos_cert's no-gap
sequence does). Verify Integrity compares the two, and pos_security_pro's daily digest mails the
head hashes so that a copy lives outside the database.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PosEvidenceWitness(models.Model):
    _name = "pos.evidence.witness"
    _description = "Evidence Chain Witness"
    _order = "model_name, company_id"

    model_name = fields.Char("Log Model", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, ondelete="cascade")
    row_count = fields.Integer("Rows", readonly=True)
    head_hash = fields.Char(readonly=True)
    head_date = fields.Datetime("Last Row At", readonly=True)

    _sql_constraints = [
        ("chain_unique", "unique(model_name, company_id)", "One witness per evidence chain."),
    ]

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("Evidence witnesses are written by the evidence chain only."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_witness(self):
        raise UserError(_("Evidence witnesses cannot be deleted."))

    @api.model
    def _lp_record_head(self, model_name, company_id, count, head_hash):
        """Called by the mixin under the chain's lock, in the insert's transaction.

        SQL: write() is closed on purpose. ``log_exceptions=False``: when two transactions extend
        the same chain at once, PostgreSQL refuses the later one (repeatable read) and Odoo
        replays the request; that retry is expected, not an error worth an ERROR line (and it is
        what keeps the later writer from forking the chain on a stale snapshot).
        """
        self.env.cr.execute(
            """INSERT INTO pos_evidence_witness
                      (model_name, company_id, row_count, head_hash, head_date,
                       create_uid, create_date, write_uid, write_date)
               VALUES (%(model)s, %(company)s, %(count)s, %(hash)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC')
          ON CONFLICT (model_name, company_id) DO UPDATE
                  SET row_count = EXCLUDED.row_count, head_hash = EXCLUDED.head_hash,
                      head_date = EXCLUDED.head_date, write_uid = EXCLUDED.write_uid,
                      write_date = EXCLUDED.write_date""",
            {"model": model_name, "company": company_id, "count": count, "hash": head_hash, "uid": self.env.uid},
            log_exceptions=False,
        )
        self.invalidate_model()

    @api.model
    def _lp_witness(self, model_name, company_id):
        # SQL: read straight after the raw upsert of _lp_record_head on the same cursor, in one query
        # (the integrity check calls it once per chain), whatever the ORM cache holds.
        self.env.cr.execute(
            "SELECT row_count, head_hash FROM pos_evidence_witness WHERE model_name = %s AND company_id = %s",
            [model_name, company_id])
        return self.env.cr.fetchone()

    @api.model
    def _lp_chain_heads(self, company):
        """[{model, label, count, hash, date}] of the company's chains, for the owner's digest."""
        witnesses = self.sudo().search([("company_id", "=", company.id)])
        return [{
            "model": witness.model_name,
            "label": self.env[witness.model_name]._description if witness.model_name in self.env
            else witness.model_name,
            "count": witness.row_count,
            "hash": witness.head_hash or "",
            "date": fields.Datetime.to_string(witness.head_date) if witness.head_date else "",
        } for witness in witnesses]

    @api.model
    def _lp_bootstrap(self):
        """Witness every existing chain at its current head (upgrade of a database whose logs
        predate the witness). Chains that already have a witness are left alone."""
        for model_name, Model in self.env.registry.items():
            if Model._abstract or not hasattr(Model, "_evidence_hashed_fields"):
                continue
            # SQL: DISTINCT ON gives each company's chain head in one query; the ORM has no equivalent.
            self.env.cr.execute(
                f"""SELECT DISTINCT ON (company_id) company_id, evidence_sequence, evidence_hash
                      FROM "{Model._table}" WHERE evidence_sequence IS NOT NULL
                  ORDER BY company_id, evidence_sequence DESC""")
            for company_id, sequence, head_hash in self.env.cr.fetchall():
                if not self._lp_witness(model_name, company_id):
                    self._lp_record_head(model_name, company_id, sequence, head_hash)
