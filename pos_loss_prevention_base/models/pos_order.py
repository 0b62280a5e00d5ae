"""The one carrier of approvals: the order brings the tokens its till obtained to the server.

Every addon's gate reads them through ``_lp_consume_approval`` (see pos.session's), so a token is
consumed in one place with one set of rules: bound to its action (a token minted for another
addon's action never satisfies this one), value, session, order and product; single use.
"""

import json

from odoo import fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    lp_approval_tokens = fields.Text(
        "Approval Tokens", copy=False,
        help="JSON list of the approval tokens the till obtained for this order (consumed at sync).")

    def _lp_approval_tokens(self, extra=None):
        """The plaintext tokens this order carries (garbage ignored), plus ``extra`` (the JSON
        text of an order dict not written yet)."""
        tokens = []
        for text in (self.lp_approval_tokens if self else None, extra):
            try:
                value = json.loads(text or "[]")
            except (TypeError, ValueError):
                continue
            if isinstance(value, list):
                tokens += [token for token in value if isinstance(token, str) and token not in tokens]
        return tokens

    def _lp_consume_approval(self, action, value=None, record=None, once=True, product=None):
        """Consume one token this order carries for (action, value) on ``record`` (default: the
        order). Returns (token record, "") or (empty, refusal reason); see
        ``pos.session._lp_consume_approval`` for ``once`` and ``product``."""
        self.ensure_one()
        return self.session_id._lp_consume_approval(
            self._lp_approval_tokens(), action, value=value, record=self if record is None else record,
            once=once, order_uuid=self.uuid, product=product)
