"""Taxes and discounts: what the session's orders sold against what its journal entry posts.

The session's entry (``pos.session.move_id``) holds, for the orders that were not invoiced, one sales
line per account and tax set (after line and global discounts), the tax lines, the cash rounding
lines, the receivable lines of the payment methods and, with anglo-saxon accounting, stock lines
that balance each other. One grouped query reads, per session, the tax, the sales and the rounding
posted; another reads the orders' tax, untaxed total and line discounts.
"""

from odoo import _, models

from .pos_reconciliation_run import DONE_ORDER_STATES


class PosReconciliationRun(models.AbstractModel):
    _inherit = "pos.reconciliation.run"

    def _lp_session_ledger(self, sessions):
        """{session id: {"tax", "sales", "rounding"}} as posted in each session's entry (credit positive).

        Sales are the entry's lines that are neither tax, receivable/payable nor cash rounding lines
        (stock output and expense lines cancel out); rounding is what the shop's cash rounding
        method booked to its profit (positive) or loss (negative) account.
        """
        rows = self._lp_query("""
                SELECT s.id,
                       -SUM(l.amount_currency) FILTER (WHERE l.tax_line_id IS NOT NULL),
                       -SUM(l.amount_currency) FILTER (WHERE l.tax_line_id IS NULL
                            AND a.account_type NOT IN ('asset_receivable', 'liability_payable')
                            AND l.account_id NOT IN (COALESCE(r.profit_id, 0), COALESCE(r.loss_id, 0))),
                       -SUM(l.amount_currency) FILTER (WHERE l.tax_line_id IS NULL
                            AND l.account_id IN (COALESCE(r.profit_id, 0), COALESCE(r.loss_id, 0)))
                  FROM pos_session s
                  JOIN pos_config c ON c.id = s.config_id
                  -- the rounding method's accounts are company-dependent (jsonb keyed by company id)
                  LEFT JOIN LATERAL (
                        SELECT COALESCE((rm.profit_account_id ->> c.company_id::text)::int, 0) AS profit_id,
                               COALESCE((rm.loss_account_id ->> c.company_id::text)::int, 0) AS loss_id
                          FROM account_cash_rounding rm WHERE rm.id = c.rounding_method AND c.cash_rounding) r ON TRUE
                  JOIN account_move_line l ON l.move_id = s.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE s.id = ANY(%s)
              GROUP BY s.id""", [sessions.ids])
        return {sid: {"tax": float(tax or 0.0), "sales": float(sales or 0.0), "rounding": float(rounding or 0.0)}
                for sid, tax, sales, rounding in rows}

    def _lp_check_taxes_discounts(self, sessions, entry_totals, findings):
        """Orders' tax and sales after discounts vs the tax and sales lines of the session's entry.

        One finding per session at most: tax moved to the sales lines (or back) is a tax mismatch;
        sales that differ otherwise (an order's discount, price or quantity changed after the entry
        was posted, or the entry's sales lines edited) are a discount mismatch.
        """
        if not sessions:
            return
        ordered = {sid: (float(tax or 0.0), float(net or 0.0), float(discounts or 0.0))
                   for sid, tax, net, discounts in self._lp_query("""
                SELECT o.session_id, SUM(o.amount_tax), SUM(o.amount_total - o.amount_tax),
                       (SELECT SUM(l.qty * l.price_unit * l.discount / 100)
                          FROM pos_order_line l JOIN pos_order lo ON lo.id = l.order_id
                         WHERE lo.session_id = o.session_id AND lo.state IN %(states)s AND lo.account_move IS NULL
                           AND l.discount != 0)
                  FROM pos_order o
                 WHERE o.session_id = ANY(%(ids)s) AND o.state IN %(states)s AND o.account_move IS NULL
              GROUP BY 1""", {"ids": sessions.ids, "states": DONE_ORDER_STATES})}
        for session in sessions:
            currency = session.currency_id
            ordered_tax, ordered_net, discounts = ordered.get(session.id, (0.0, 0.0, 0.0))
            posted = entry_totals.get(session.id, {"tax": 0.0, "sales": 0.0, "rounding": 0.0})
            tax_diff = ordered_tax - posted["tax"]
            net_diff = ordered_net - posted["sales"]
            # An order's total includes the cash rounding when the shop rounds every payment method.
            if currency.is_zero(net_diff - posted["rounding"]):
                net_diff = 0.0
            if not currency.is_zero(net_diff) and not currency.is_zero(net_diff + tax_diff):
                findings.append(self._lp_finding(
                    "discount", session, "high", net_diff,
                    _("Session %(session)s: its orders sold %(ordered)s before tax, after %(discounts)s of line "
                      "discounts, but its journal entry %(entry)s posts %(posted)s of sales (tax: %(ordered_tax)s "
                      "on the orders, %(posted_tax)s posted): an order's discount, price or quantity was changed "
                      "after the entry was posted, or the entry's sales lines were edited.",
                      session=session.name, ordered=self._lp_fmt(ordered_net, currency),
                      discounts=self._lp_fmt(discounts, currency), entry=session.move_id.name,
                      posted=self._lp_fmt(posted["sales"], currency),
                      ordered_tax=self._lp_fmt(ordered_tax, currency),
                      posted_tax=self._lp_fmt(posted["tax"], currency)),
                    _("Compare the session's orders (discounts, prices, quantities; their chatter says who changed "
                      "what) with the entry's sales lines: restore the order as it was sold, or correct the entry "
                      "so that the ledger shows the sales as the tills made them.")))
            elif not currency.is_zero(tax_diff):
                findings.append(self._lp_finding(
                    "tax", session, "high", tax_diff,
                    _("Session %(session)s: its orders carry %(ordered)s of tax, but its journal entry %(entry)s "
                      "posts %(posted)s of tax.",
                      session=session.name, ordered=self._lp_fmt(ordered_tax, currency), entry=session.move_id.name,
                      posted=self._lp_fmt(posted["tax"], currency)),
                    _("Compare the entry's tax lines with the orders' taxes (tax report filtered on the entry): "
                      "correct the tax lines, or the tax configuration if a tax changed during the session.")))
