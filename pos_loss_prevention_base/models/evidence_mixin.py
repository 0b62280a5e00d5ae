"""Evidence rows: create-only, hash-chained per company.

A model that inherits ``pos.evidence.mixin`` gets rows that nobody can edit or delete through the
ORM (admin and sudo included) and a sha256 chain per (model, company): each row's hash covers the
previous row's hash and a canonical serialisation of the row, as ``l10n_fr_pos_cert`` does for
orders. A direct SQL edit, a deleted row or a reordered row breaks the chain, and
``action_evidence_verify_integrity`` names the first broken link. Each chain's length and head
hash are also kept outside the table (``pos.evidence.witness``), so deleting the last rows (tail
truncation) is reported too.

Concrete models list the fields that make the evidence in ``_evidence_hashed_fields``. Many2one
fields there should use ``ondelete='restrict'``: a ``set null`` cascade would rewrite evidence.
"""

import hashlib
import json
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# How long a detached writer waits for the chain lock before falling back to the caller's cursor.
DETACHED_LOCK_TIMEOUT = "5s"


class PosEvidenceMixin(models.AbstractModel):
    _name = "pos.evidence.mixin"
    _description = "Tamper-evident evidence row"
    _order = "evidence_sequence desc, id desc"

    # Field names whose values are sealed into the hash; concrete models extend it.
    _evidence_hashed_fields = ("create_date", "create_uid", "company_id")
    # Workflow fields that may still change after creation (never hashed), e.g. "reviewed_by_id".
    _evidence_mutable_fields = ()

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, ondelete="restrict",
        default=lambda self: self.env.company,
    )
    evidence_sequence = fields.Integer("Chain Position", readonly=True, copy=False, index=True)
    evidence_prev_hash = fields.Char("Previous Hash", readonly=True, copy=False)
    evidence_hash = fields.Char("Hash", readonly=True, copy=False)

    # ------------------------------------------------------------------ immutability
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._evidence_seal()
        return records

    def write(self, vals):
        forbidden = set(vals) - set(self._evidence_mutable_fields)
        if forbidden:
            raise UserError(_(
                "%(model)s rows are evidence: they cannot be modified (fields: %(fields)s).",
                model=self._description, fields=", ".join(sorted(forbidden)),
            ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(_("%(model)s rows are evidence: they cannot be deleted.", model=self._description))

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(_("%(model)s rows are evidence: they cannot be duplicated.", model=self._description))

    # ------------------------------------------------------------------ chain
    def _evidence_chain_key(self, company_id):
        return f"{self._table}:{company_id}"

    def _evidence_payload(self, sequence=None):
        """Canonical JSON of the sealed fields: stable across reads from the database."""
        self.ensure_one()
        sequence = self.evidence_sequence if sequence is None else sequence
        payload = {"model": self._name, "id": self.id, "sequence": sequence}
        for fname in sorted(set(self._evidence_hashed_fields)):
            field = self._fields[fname]
            value = self[fname]
            if field.type == "many2one":
                value = value.id or None
            elif field.type in ("one2many", "many2many"):
                value = sorted(value.ids)
            elif field.type == "datetime":
                value = fields.Datetime.to_string(value) if value else None
            elif field.type == "date":
                value = fields.Date.to_string(value) if value else None
            elif field.type in ("float", "monetary"):
                value = "%.6f" % (value or 0.0)
            elif value is False and field.type not in ("boolean",):
                value = None
            payload[fname] = value
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)

    @staticmethod
    def _evidence_digest(prev_hash, payload):
        return hashlib.sha256(((prev_hash or "") + payload).encode("utf-8")).hexdigest()

    def _evidence_seal(self):
        """Give each new row its chain position and hash, under a per-chain transaction lock."""
        self.flush_recordset()
        for record in self.sorted("id"):
            key = record._evidence_chain_key(record.company_id.id)
            # SQL: a transaction lock per chain, then the head read under it (the ORM cache may be stale).
            self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
            self.env.cr.execute(
                f"""SELECT evidence_sequence, evidence_hash FROM "{self._table}"
                     WHERE company_id = %s AND evidence_sequence IS NOT NULL
                  ORDER BY evidence_sequence DESC LIMIT 1""",
                [record.company_id.id],
            )
            last = self.env.cr.fetchone()
            sequence, prev_hash = (last[0] + 1, last[1]) if last else (1, "")
            # Stored with SQL: write() is closed to everyone, on purpose.
            digest = self._evidence_digest(prev_hash, record._evidence_payload(sequence))
            self.env.cr.execute(
                f"""UPDATE "{self._table}"
                       SET evidence_sequence = %s, evidence_prev_hash = %s, evidence_hash = %s
                     WHERE id = %s""",
                [sequence, prev_hash, digest, record.id],
            )
            record.invalidate_recordset(["evidence_sequence", "evidence_prev_hash", "evidence_hash"])
            # The head's witness, outside this table: a deleted tail shows at the next check.
            self.env["pos.evidence.witness"]._lp_record_head(self._name, record.company_id.id, sequence, digest)

    @api.model
    def _evidence_create_detached(self, vals, after_create=None):
        """Create a row in its own transaction, so it survives the rollback of the caller.

        Used for refusals: the caller raises a UserError (its transaction is rolled back) but the
        attempt must stay on record. ``after_create(record)`` runs in the same detached
        transaction (e.g. to post the matching chatter message). Falls back to the caller's
        cursor if the chain is busy.
        """
        try:
            with self.env.registry.cursor() as cr:
                # SQL: bound this transaction's wait for the chain lock (no ORM API for lock_timeout).
                cr.execute("SELECT set_config('lock_timeout', %s, true)", [DETACHED_LOCK_TIMEOUT])
                record = self.with_env(self.env(cr=cr)).sudo().create(vals)
                if after_create:
                    after_create(record)
                return record.id
        except Exception:  # noqa: BLE001 - evidence must be written somewhere, never lost
            _logger.info("Detached evidence write failed for %s; writing in the caller's transaction",
                         self._name, exc_info=True)
            record = self.sudo().create(vals)
            if after_create:
                after_create(record)
            return record.id

    @api.model
    def _evidence_verify_chain(self, company):
        """Return (rows_checked, first_broken_record_or_None, reason)."""
        # SQL: every row id of the chain whatever the record rules and the ORM's active filter (a hidden
        # row must still be checked); the rows are then read in batches through the ORM.
        self.env.cr.execute(
            f"""SELECT id FROM "{self._table}" WHERE company_id = %s ORDER BY evidence_sequence, id""",
            [company.id],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        prev_hash, expected_sequence = "", 1
        checked = 0
        for batch_start in range(0, len(ids), 500):
            batch = self.sudo().browse(ids[batch_start:batch_start + 500])
            batch.invalidate_recordset()
            for record in batch:
                checked += 1
                if record.evidence_sequence != expected_sequence:
                    return checked, record, _("chain position %(found)s where %(expected)s was expected "
                                              "(a row was deleted or inserted)",
                                              found=record.evidence_sequence, expected=expected_sequence)
                if (record.evidence_prev_hash or "") != prev_hash:
                    return checked, record, _("its link to the previous row does not match")
                if record.evidence_hash != self._evidence_digest(prev_hash, record._evidence_payload()):
                    return checked, record, _("its content no longer matches its hash (edited outside Odoo)")
                prev_hash, expected_sequence = record.evidence_hash, expected_sequence + 1
        witness = self.env["pos.evidence.witness"]._lp_witness(self._name, company.id)
        count = expected_sequence - 1
        if witness is None:
            if count:
                return checked, self.sudo().browse(ids[-1]), _(
                    "the independent witness of this chain's head is missing (deleted outside Odoo)")
        elif witness[0] > count:
            last = self.sudo().browse(ids[-1]) if ids else self.sudo().browse()
            return checked, last, _(
                "the chain is TRUNCATED: it ends at row #%(count)s but its witness counts %(witnessed)s "
                "rows (the last %(missing)s row(s) were deleted outside Odoo)",
                count=count, witnessed=witness[0], missing=witness[0] - count)
        elif witness[0] < count or (witness[1] or "") != prev_hash:
            return checked, self.sudo().browse(ids[-1]), _(
                "the chain's head does not match its independent witness (rows added or replaced outside Odoo)")
        return checked, None, ""

    def action_evidence_verify_integrity(self):
        """Check every chain the user can see; report the first broken link per company.

        Not ``@api.model``: the list header button (``display="always"``) calls it through
        ``/web/dataset/call_button`` with the selected ids (maybe none) as first argument. The
        records are ignored: the whole chain of each company is checked, whatever is selected.
        """
        messages, broken = [], False
        for company in self.env.companies:
            checked, record, reason = self._evidence_verify_chain(company)
            if record or reason:
                broken = True
                messages.append(_(
                    "%(company)s: chain BROKEN at row #%(seq)s (id %(id)s): %(reason)s.",
                    company=company.name, seq=record.evidence_sequence or 0, id=record.id or 0, reason=reason,
                ))
            else:
                messages.append(_("%(company)s: %(count)s rows, chain intact.", company=company.name, count=checked))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("%(model)s integrity", model=self._description),
                "message": "\n".join(messages),
                "type": "danger" if broken else "success",
                "sticky": broken,
            },
        }
