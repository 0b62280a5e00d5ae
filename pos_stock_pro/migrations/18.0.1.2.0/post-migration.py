"""18.0.1.2.0: the stock override token travels in the base's carrier (issue 10).

Drafts saved by the previous version keep their override in ``pos_stock_override_token``: move it
into ``lp_approval_tokens`` (JSON list, the carrier every gate consumes from) so that paying the
draft later still overrides, and clear the old column. Paid orders never kept a token.
"""

import json


def _tokens(text):
    try:
        value = json.loads(text or "[]")
    except (TypeError, ValueError):
        return []
    return [token for token in value if isinstance(token, str)] if isinstance(value, list) else []


def migrate(cr, version):
    if not version:
        return
    # The base owns the column; create it here if the base was not upgraded first.
    cr.execute("ALTER TABLE pos_order ADD COLUMN IF NOT EXISTS lp_approval_tokens text")
    cr.execute("""SELECT id, pos_stock_override_token, lp_approval_tokens FROM pos_order
                   WHERE pos_stock_override_token IS NOT NULL AND pos_stock_override_token != ''""")
    for order_id, legacy, carried in cr.fetchall():
        tokens = _tokens(carried)
        if legacy not in tokens:
            tokens.append(legacy)
        cr.execute("UPDATE pos_order SET lp_approval_tokens = %s, pos_stock_override_token = NULL WHERE id = %s",
                   [json.dumps(tokens), order_id])
