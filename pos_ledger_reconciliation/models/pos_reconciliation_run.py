"""The reconciliation run: what the tills recorded against what the ledger and the warehouse hold.

Each check reads every session of the run in one or two grouped SQL queries (never one query per
session or per order) and returns findings: dicts with a ``fingerprint`` that names the problem
from one run to the next. ``_lp_store`` turns findings into exceptions, refreshes those still found
and resolves, with a note, the open ones of the run's scope that are no longer found.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import format_amount

_logger = logging.getLogger(__name__)

# Checked by a company-wide run (not tied to the sessions of the run): only such a run resolves them.
GLOBAL_TYPES = ("closing_stale", "negative_quant")
ENTRY_TYPES = ("entry_missing", "entry_draft", "entry_unbalanced", "entry_reversed")
DONE_ORDER_STATES = ("paid", "done", "invoiced")


class PosReconciliationRun(models.AbstractModel):
    _name = "pos.reconciliation.run"
    _description = "POS Reconciliation Run"

    # ------------------------------------------------------------------ entry points
    @api.model
    def _cron_reconcile_and_digest(self):
        """Daily: every company's sessions of its last N days, then the finance digest."""
        for company in self.env["res.company"].sudo().search([]):
            self._lp_reconcile_company(company)
            company._lp_reconciliation_send_digest()

    @api.model
    def _lp_reconcile_company(self, company, now=None):
        now = now or fields.Datetime.now()
        since = now - timedelta(days=company.lp_reconciliation_days or 7)
        Session = self.env["pos.session"].sudo()
        sessions = Session.search([("company_id", "=", company.id), ("state", "=", "closed"), ("stop_at", ">=", since)])
        # Open exceptions of older sessions are checked again too, so that they can resolve.
        still_open = self.env["pos.reconciliation.exception"].sudo().search(
            [("company_id", "=", company.id), ("status", "=", "open"), ("session_id", "!=", False)])
        sessions |= still_open.session_id.filtered(lambda s: s.state == "closed")
        return self._lp_reconcile(company, sessions, full=True, now=now)

    @api.model
    def _lp_reconcile(self, company, sessions, full=False, now=None):
        """Check ``sessions`` (closed, of ``company``); ``full``: the company-wide checks too."""
        now = now or fields.Datetime.now()
        sessions = sessions.sudo().with_company(company)
        closed = sessions.filtered(lambda s: s.state == "closed")
        findings = self._lp_check_sessions(closed, company, now) if closed else []
        if full:
            findings += self._lp_check_closing_stale(company, now)
        if full or closed:
            findings += self._lp_check_negative_quants(company, closed if not full else None)
        return self._lp_store(company, findings, sessions, full, now)

    # ------------------------------------------------------------------ storing
    def _lp_store(self, company, findings, sessions, full, now):
        Exception_ = self.env["pos.reconciliation.exception"].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        found = {}
        for finding in findings:
            found.setdefault(finding["fingerprint"], finding)
        existing = {}
        if found:
            for exception in Exception_.search([("company_id", "=", company.id),
                                                ("fingerprint", "in", list(found))], order="id"):
                existing[exception.fingerprint] = exception  # the latest row of a problem wins
        to_create, seen = [], Exception_.browse()
        labels = dict(Exception_._fields["type"]._description_selection(self.env))
        for fingerprint, finding in found.items():
            exception = existing.get(fingerprint)
            vals = self._lp_exception_vals(company, finding, labels)
            if not exception:
                to_create.append(dict(vals, first_seen=now, last_seen=now, fingerprint=fingerprint))
                continue
            changed = {k: v for k, v in vals.items() if k in ("amount_at_stake", "explanation", "severity")
                       and exception[k] != v}
            if exception.status == "resolved":
                exception.with_context(lp_recon_note=_("Found again by the reconciliation run.")).write(
                    dict(changed, status="open", resolved_at=False, resolution_note=False, last_seen=now))
            elif changed:
                exception.write(dict(changed, last_seen=now))
            else:
                seen |= exception
        if seen:
            seen.write({"last_seen": now})
        created = Exception_.create(to_create) if to_create else Exception_
        # Open problems of this run's scope that were not found again are fixed.
        domain = [("company_id", "=", company.id), ("status", "=", "open"),
                  ("fingerprint", "not in", list(found))]
        # negative_quant is checked company-wide only: a run of some sessions cannot say it is fixed.
        scope = ["&", ("session_id", "in", sessions.ids), ("type", "!=", "negative_quant")]
        if full:
            scope = ["|", *scope, ("type", "in", GLOBAL_TYPES)]
        fixed = Exception_.search(domain + scope)
        if fixed:
            fixed.with_context(lp_recon_note=_("No longer found by the reconciliation run of %(date)s: resolved "
                                               "automatically.", date=fields.Datetime.to_string(now))).write({
                "status": "resolved", "resolved_at": now,
                "resolution_note": _("Resolved automatically: the reconciliation run of %(date)s no longer found "
                                     "the problem.", date=fields.Datetime.to_string(now)),
            })
        return {"created": created, "resolved": fixed, "found": len(found)}

    def _lp_exception_vals(self, company, finding, labels):
        session = finding.get("session")
        subject = finding.get("subject") or session.name
        return {
            "name": f"{labels[finding['type']]}: {subject}" if subject else labels[finding["type"]],
            "type": finding["type"],
            "severity": finding.get("severity") or "medium",
            "company_id": company.id,
            "session_id": session.id if session else False,
            "config_id": (session.config_id.id if session else finding.get("config_id")) or False,
            "payment_method_id": finding.get("payment_method_id") or False,
            "product_id": finding.get("product_id") or False,
            "amount_at_stake": company.currency_id.round(abs(finding.get("amount") or 0.0)),
            "explanation": finding["explanation"],
            "suggested_fix": finding.get("suggested_fix") or False,
        }

    # ------------------------------------------------------------------ helpers
    def _lp_fmt(self, amount, currency):
        return format_amount(self.env, amount, currency)

    def _lp_query(self, sql, params):
        # SQL: the checks are grouped reads over whole periods of accounting and stock rows, one query
        # each; the ORM would load every row.
        self.env.cr.execute(sql, params)
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------ session checks
    def _lp_check_sessions(self, sessions, company, now):
        self.env.flush_all()
        ids = sessions.ids
        payments = defaultdict(dict)  # session id -> {method id: (amount, count)}
        for sid, pm_id, amount, count in self._lp_query("""
                SELECT o.session_id, p.payment_method_id, SUM(p.amount), COUNT(*)
                  FROM pos_payment p JOIN pos_order o ON o.id = p.pos_order_id
                 WHERE o.session_id = ANY(%s) AND o.state IN %s
              GROUP BY 1, 2""", [ids, DONE_ORDER_STATES]):
            payments[sid][pm_id] = (float(amount or 0.0), count)
        findings = []
        entry_totals = self._lp_session_ledger(sessions)
        entry_ok = self._lp_check_entries(sessions, payments, findings)
        self._lp_check_bank_methods(sessions, payments, company, now, findings)
        # What the terminals' addons report, asked once: raised as findings, and part of the cash check's causes.
        terminal_items = sessions._lp_reconciliation_findings()
        self._lp_check_cash(sessions, payments, entry_totals, terminal_items, findings)
        self._lp_check_taxes_discounts(sessions.filtered(lambda s: s.id in entry_ok), entry_totals, findings)
        self._lp_check_pickings(sessions, findings)
        self._lp_check_terminals(sessions, terminal_items, findings)
        return findings

    def _lp_check_entries(self, sessions, payments, findings):
        """Session closed but its journal entry missing, in draft, unbalanced or reversed."""
        moves = {}
        move_ids = [mid for mid in sessions.mapped("move_id").ids]
        for mid, state, imbalance, reversed_ in self._lp_query("""
                SELECT m.id, m.state, COALESCE(SUM(l.debit), 0) - COALESCE(SUM(l.credit), 0),
                       EXISTS(SELECT 1 FROM account_move r WHERE r.reversed_entry_id = m.id AND r.state = 'posted')
                  FROM account_move m LEFT JOIN account_move_line l ON l.move_id = m.id
                 WHERE m.id = ANY(%s)
              GROUP BY m.id""", [move_ids]):
            moves[mid] = (state, float(imbalance), reversed_)
        ok = set()
        for session in sessions:
            currency = session.currency_id
            total = sum(abs(amount) for amount, _count in payments.get(session.id, {}).values())
            move = session.move_id
            if not move:
                if not currency.is_zero(total):
                    findings.append(self._lp_finding(
                        "entry_missing", session, "high", total,
                        _("Session %(session)s is closed with %(amount)s of payments, but it has no journal entry: "
                          "its sales, taxes and payments are not in the ledger.",
                          session=session.name, amount=self._lp_fmt(total, currency)),
                        _("Find out who deleted the entry (chatter of the session), then book the session again "
                          "with a manual entry in the POS journal and link it in the session's Journal Entries.")))
                else:
                    ok.add(session.id)
                continue
            state, imbalance, reversed_ = moves.get(move.id, ("draft", 0.0, False))
            if state == "draft":
                findings.append(self._lp_finding(
                    "entry_draft", session, "high", total,
                    _("The journal entry %(entry)s of session %(session)s is in draft: it is not in the ledger.",
                      entry=move.name or move.id, session=session.name),
                    _("Open the entry, check it and post it.")))
            elif state == "cancel" or reversed_:
                findings.append(self._lp_finding(
                    "entry_reversed", session, "high", total,
                    _("The journal entry %(entry)s of session %(session)s was reversed or cancelled: the session's "
                      "sales are no longer in the ledger.", entry=move.name, session=session.name),
                    _("If the reversal was a mistake, cancel the reversal entry; otherwise book the session's "
                      "sales again in a corrected entry.")))
            elif not session.company_id.currency_id.is_zero(imbalance):
                findings.append(self._lp_finding(
                    "entry_unbalanced", session, "high", imbalance,
                    _("The journal entry %(entry)s of session %(session)s is unbalanced by %(amount)s (debit minus "
                      "credit): it was changed outside the accounting rules.",
                      entry=move.name, session=session.name,
                      amount=self._lp_fmt(imbalance, session.company_id.currency_id)),
                    _("Reset the entry to draft, correct its lines so that debit equals credit, and post it again; "
                      "find out how it was changed (database edit).")))
            else:
                ok.add(session.id)
        return ok

    def _lp_check_bank_methods(self, sessions, payments, company, now, findings):
        """Bank methods: POS payments vs what was posted; account mapping; transit left unreconciled."""
        posted = {}
        for sid, pm_id, amount, accounts, residual, oldest, difference in self._lp_query("""
                SELECT ap.pos_session_id, ap.pos_payment_method_id,
                       SUM(CASE WHEN m.state = 'posted' AND l.account_id = ap.destination_account_id
                                THEN -l.amount_currency ELSE 0 END),
                       ARRAY_AGG(DISTINCT l.account_id) FILTER (WHERE m.state = 'posted'
                                AND l.account_id IN (ap.destination_account_id, ap.outstanding_account_id)),
                       SUM(CASE WHEN m.state = 'posted' AND l.account_id = ap.outstanding_account_id
                                     AND a.reconcile AND NOT l.reconciled
                                THEN l.amount_residual ELSE 0 END),
                       MIN(l.date) FILTER (WHERE m.state = 'posted' AND l.account_id = ap.outstanding_account_id
                                AND a.reconcile AND NOT l.reconciled),
                       -- the closing difference entered for the method, booked on the payment's own move
                       -SUM(CASE WHEN m.state = 'posted' AND l.account_id IN (j.loss_account_id, j.profit_account_id)
                                      AND l.account_id NOT IN (ap.destination_account_id, ap.outstanding_account_id)
                                 THEN l.amount_currency ELSE 0 END)
                  FROM account_payment ap
                  JOIN account_move m ON m.id = ap.move_id
                  JOIN account_journal j ON j.id = m.journal_id
                  JOIN account_move_line l ON l.move_id = m.id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE ap.pos_session_id = ANY(%s) AND ap.pos_payment_method_id IS NOT NULL
              GROUP BY 1, 2""", [sessions.ids]):
            posted[sid, pm_id] = (float(amount or 0.0), set(accounts or ()), float(residual or 0.0), oldest,
                                  float(difference or 0.0))
        methods = self.env["pos.payment.method"].sudo().with_context(active_test=False).browse(
            {pm_id for by_pm in payments.values() for pm_id in by_pm} | {key[1] for key in posted})
        transit_days = company.lp_reconciliation_transit_days
        for session in sessions:
            currency = session.currency_id
            for method in methods:
                amount, count = payments.get(session.id, {}).get(method.id, (0.0, 0))
                booked = posted.get((session.id, method.id))
                if method.type != "bank" and not booked:
                    continue
                if not method.journal_id:
                    findings.append(self._lp_finding(
                        "payment_mapping", session, "high", amount or (booked[0] if booked else 0.0),
                        _("Payment method %(method)s was used in session %(session)s but has no journal any more: "
                          "its payments can no longer be matched with the bank.",
                          method=method.name, session=session.name),
                        _("Set the method's journal back (Point of Sale > Configuration > Payment Methods)."),
                        method=method))
                    continue
                if currency.is_zero(amount) and not booked:
                    continue
                # A closing difference is posted with the payment (amount + difference): the tills' amount is
                # what was posted less that difference.
                difference = booked[4] if booked else 0.0
                posted_amount = booked[0] - difference if booked else 0.0
                if currency.compare_amounts(amount, posted_amount):
                    findings.append(self._lp_finding(
                        "payment_posted", session, "high", amount - posted_amount,
                        _("%(method)s: the tills took %(pos)s in %(count)s payments in session %(session)s, but "
                          "%(posted)s was posted to its accounts.",
                          method=method.name, pos=self._lp_fmt(amount, currency), count=count,
                          session=session.name, posted=self._lp_fmt(posted_amount, currency)),
                        _("Open the session's payments (Journal Entries button): post the payment left in draft, "
                          "or book the missing amount from the POS receivable account to the outstanding account."),
                        method=method))
                    continue
                expected = set()
                receivable = session._get_receivable_account(method)
                if not method.split_transactions and receivable:
                    expected.add(receivable.id)
                if method.outstanding_account_id:
                    expected.add(method.outstanding_account_id.id)
                missing = expected - booked[1] if booked else set()
                if missing:
                    used = self.env["account.account"].sudo().browse(sorted(booked[1]))
                    findings.append(self._lp_finding(
                        "payment_mapping", session, "high", amount,
                        _("%(method)s: session %(session)s posted to %(used)s, but the method is now mapped to "
                          "%(now)s: the method's accounts changed after the session (or the mapping was removed), "
                          "so its payments and the bank will not match.",
                          method=method.name, session=session.name, used=", ".join(used.mapped("display_name")),
                          now=", ".join(self.env["account.account"].sudo().browse(sorted(expected))
                                        .mapped("display_name"))),
                        _("Set the method's Intermediary and Outstanding accounts back to the accounts the session "
                          "used, or move the balance between the two accounts with a manual entry."),
                        method=method))
                    continue
                if not currency.is_zero(difference):
                    findings.append(self._lp_difference_finding(
                        session, method.journal_id, method, difference,
                        _("the amount counted for %(method)s at closing (the terminal's or the bank's report) "
                          "differed from the POS payments", method=method.name)))
                residual, oldest = booked[2], booked[3]
                if transit_days and not currency.is_zero(residual) and session.stop_at \
                        and session.stop_at < now - timedelta(days=transit_days):
                    findings.append(self._lp_finding(
                        "transit", session, "medium", residual,
                        _("%(method)s: %(amount)s of session %(session)s is still unreconciled on the outstanding "
                          "account %(days)s days after closing (since %(date)s): the money has not been matched "
                          "with a bank statement.",
                          method=method.name, amount=self._lp_fmt(residual, currency), session=session.name,
                          days=(now - session.stop_at).days, date=oldest),
                        _("Reconcile the bank statement line of the payout with the session's payment (Accounting "
                          "> Bank), or ask the payment provider where the money is."),
                        method=method))

    def _lp_check_cash(self, sessions, payments, entry_totals, terminal_items, findings):
        """Cash counted vs expected vs the cash journal's statement lines; differences booked to P/L."""
        # The part of a drawer's counted difference a terminal explains (a cash machine's change not given,
        # paid by the cashier from the drawer), as the terminal's addon reports it.
        terminal_part = defaultdict(float)
        for item in terminal_items:
            terminal_part[item.get("session_id")] += item.get("cash_difference") or 0.0
        lines = {}
        for sid, journal_id, total, to_receivable, accounts, differences in self._lp_query("""
                SELECT st.pos_session_id, m.journal_id, SUM(st.amount),
                       SUM(st.amount) FILTER (WHERE cp.account_type = 'asset_receivable'),
                       ARRAY_AGG(DISTINCT cp.account_id) FILTER (WHERE cp.account_type = 'asset_receivable'),
                       SUM(st.amount) FILTER (WHERE cp.account_id IN (j.loss_account_id, j.profit_account_id))
                  FROM account_bank_statement_line st
                  JOIN account_move m ON m.id = st.move_id
                  JOIN account_journal j ON j.id = m.journal_id
                  LEFT JOIN LATERAL (
                        SELECT l.account_id, a.account_type FROM account_move_line l
                          JOIN account_account a ON a.id = l.account_id
                         WHERE l.move_id = m.id AND l.account_id != j.default_account_id
                         ORDER BY l.id LIMIT 1) cp ON TRUE
                 WHERE st.pos_session_id = ANY(%s) AND m.state = 'posted'
              GROUP BY 1, 2""", [sessions.ids]):
            lines[sid, journal_id] = (float(total or 0.0), float(to_receivable or 0.0), set(accounts or ()),
                                      float(differences or 0.0))
        methods = self.env["pos.payment.method"].sudo().with_context(active_test=False).browse(
            {pm_id for by_pm in payments.values() for pm_id in by_pm}).filtered(lambda m: m.type == "cash")
        for session in sessions:
            currency = session.currency_id
            by_journal = defaultdict(float)
            for method in methods:
                by_journal[method.journal_id.id] += payments.get(session.id, {}).get(method.id, (0.0, 0))[0]
            cash_journal = session.cash_journal_id
            if session.config_id.cash_control and cash_journal:
                by_journal.setdefault(cash_journal.id, 0.0)
            for journal_id, pos_cash in by_journal.items():
                total, to_receivable, accounts, differences = lines.get(
                    (session.id, journal_id), (0.0, 0.0, set(), 0.0))
                journal = self.env["account.journal"].browse(journal_id)
                journal_methods = methods.filtered(lambda m, j=journal_id: m.journal_id.id == j)
                controlled = session.config_id.cash_control and journal == cash_journal
                counted = session.cash_register_balance_end_real
                ledger = session.cash_register_balance_start + total
                if currency.compare_amounts(pos_cash, to_receivable) or (
                        controlled and currency.compare_amounts(counted, ledger)):
                    findings.append(self._lp_finding(
                        "cash_statement", session, "high",
                        abs(pos_cash - to_receivable) + (abs(counted - ledger) if controlled else 0.0),
                        _("%(journal)s, session %(session)s: cash payments %(pos)s, posted to the cash journal "
                          "%(posted)s; counted at closing %(counted)s, while opening cash plus the journal's "
                          "statement lines make %(ledger)s.",
                          journal=journal.name, session=session.name, pos=self._lp_fmt(pos_cash, currency),
                          posted=self._lp_fmt(to_receivable, currency), counted=self._lp_fmt(counted, currency),
                          ledger=self._lp_fmt(ledger, currency)),
                        _("Open the cash journal's statement lines of the session (Cash Register button): restore "
                          "a deleted or changed line, or book the missing cash movement with its reason."),
                        method=journal_methods[:1]))
                    continue
                if accounts and journal_methods and not any(journal_methods.mapped("split_transactions")):
                    expected = {session._get_receivable_account(m).id for m in journal_methods}
                    if accounts - expected:
                        Account = self.env["account.account"]
                        findings.append(self._lp_finding(
                            "payment_mapping", session, "high", pos_cash,
                            _("%(journal)s: session %(session)s posted its cash to %(used)s, but the cash methods "
                              "are now mapped to %(now)s (accounts changed after the session).",
                              journal=journal.name, session=session.name,
                              used=", ".join(Account.browse(sorted(accounts)).mapped("display_name")),
                              now=", ".join(Account.browse(sorted(expected)).mapped("display_name"))),
                            _("Set the cash method's Intermediary account back, or move the balance with a manual "
                              "entry."),
                            method=journal_methods[:1]))
                        continue
                if not currency.is_zero(differences):
                    # The cash rounding of the orders is booked by the session's entry, not by the count:
                    # shown beside the counted difference, never added to it.
                    main = journal == cash_journal
                    findings.append(self._lp_difference_finding(
                        session, journal, journal_methods[:1], differences,
                        _("the cash counted differed from the cash expected"),
                        rounding=entry_totals.get(session.id, {}).get("rounding", 0.0) if main else 0.0,
                        terminal=terminal_part.get(session.id, 0.0) if main else 0.0))

    def _lp_difference_finding(self, session, journal, method, difference, cause, rounding=0.0, terminal=0.0):
        """A closing difference booked to the journal's loss (negative) or profit account, with its causes.

        ``rounding``: the orders' cash rounding, booked by the session's entry (named, never added);
        ``terminal``: the part of the difference a payment terminal explains (pos_cashdro: change the
        machine could not give).
        """
        currency = session.currency_id
        config = session.config_id
        tolerance = config.amount_authorized_diff if config.set_maximum_difference else 0.0
        explained = not currency.is_zero(terminal) and not currency.compare_amounts(difference, terminal)
        severity = "low" if explained or (tolerance and abs(difference) <= tolerance) else "medium"
        explanation = _("%(journal)s, session %(session)s: a counted difference of %(amount)s was booked to the "
                        "journal's %(account)s account at closing (cause: %(cause)s).",
                        journal=journal.name, session=session.name, amount=self._lp_fmt(difference, currency),
                        account=_("loss") if difference < 0 else _("profit"), cause=cause)
        if not currency.is_zero(terminal):
            explanation += " " + _("Of it, %(terminal)s is the payment terminal's own difference (a cash machine's "
                                   "change it could not give, paid by the cashier from the drawer): see the "
                                   "session's Payment Terminal Finding.",
                                   terminal=self._lp_fmt(terminal, currency))
        if not currency.is_zero(rounding):
            explanation += " " + _("Separately, the cash rounding of the session's orders booked %(rounding)s to "
                                   "the rounding method's %(account)s account: that is rounding, not a counted "
                                   "difference, and it is not part of the amount at stake.",
                                   rounding=self._lp_fmt(rounding, currency),
                                   account=_("loss") if rounding < 0 else _("profit"))
        return self._lp_finding(
            "cash_difference", session, severity, difference, explanation,
            _("Ask the shop why the count differed (closing notes, closing-difference log); when it is explained, "
              "ignore this exception with the explanation as reason."),
            method=method)

    def _lp_check_pickings(self, sessions, findings):
        """Orders whose picking is missing or not done."""
        goods_rows = self._lp_query("""
                SELECT o.session_id,
                       COUNT(DISTINCT o.id) FILTER (WHERE NOT EXISTS (
                            SELECT 1 FROM stock_picking p WHERE p.pos_order_id = o.id)),
                       COUNT(DISTINCT o.id),
                       SUM(l.price_subtotal) FILTER (WHERE NOT EXISTS (
                            SELECT 1 FROM stock_picking p WHERE p.pos_order_id = o.id))
                  FROM pos_order o
                  JOIN pos_order_line l ON l.order_id = o.id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE o.session_id = ANY(%s) AND o.state IN %s AND o.shipping_date IS NULL
                   AND pt.type = 'consu' AND l.qty != 0
              GROUP BY 1""", [sessions.ids, DONE_ORDER_STATES])
        goods = {sid: (int(lacking), int(total), float(value or 0.0)) for sid, lacking, total, value in goods_rows}
        picking_rows = self._lp_query("""
                SELECT COALESCE(o.session_id, p.pos_session_id),
                       COUNT(*) FILTER (WHERE p.pos_order_id IS NULL),
                       ARRAY_AGG(p.name ORDER BY p.id) FILTER (WHERE p.state NOT IN ('done', 'cancel'))
                  FROM stock_picking p LEFT JOIN pos_order o ON o.id = p.pos_order_id
                 WHERE p.pos_session_id = ANY(%s) OR o.session_id = ANY(%s)
              GROUP BY 1""", [sessions.ids, sessions.ids])
        pickings = {sid: (int(session_level), list(not_done or ())) for sid, session_level, not_done in picking_rows}
        for session in sessions:
            lacking, _total, value = goods.get(session.id, (0, 0, 0.0))
            session_level, not_done = pickings.get(session.id, (0, []))
            if lacking and not session_level:
                findings.append(self._lp_finding(
                    "picking", session, "medium", value,
                    _("Session %(session)s: %(count)s orders sold goods but have no delivery: the stock of these "
                      "products was never lowered.", session=session.name, count=lacking),
                    _("Create the missing deliveries from the orders (Point of Sale > Orders), or adjust the stock "
                      "by an inventory count.")))
            elif not_done:
                findings.append(self._lp_finding(
                    "picking", session, "medium", 0.0,
                    _("Session %(session)s: the deliveries %(pickings)s are not done (a product without stock "
                      "move, a missing lot or serial number, or a wrong location): the stock and its valuation "
                      "are wrong until they are.", session=session.name, pickings=", ".join(not_done)),
                    _("Open each delivery (Pickings button of the session), fix what blocks it (lot numbers, "
                      "location) and validate it.")))

    def _lp_check_terminals(self, sessions, terminal_items, findings):
        """What payment terminals' addons see (pos.session._lp_reconciliation_findings, in the base)."""
        by_id = {session.id: session for session in sessions}
        for item in terminal_items:
            session = by_id.get(item.get("session_id"))
            if not session:
                continue
            finding = self._lp_finding(
                "terminal", session, item.get("severity") or "medium", item.get("amount") or 0.0,
                item["explanation"], item.get("suggested_fix"),
                method=self.env["pos.payment.method"].browse(item.get("payment_method_id") or []))
            finding["fingerprint"] = f"terminal:{session.id}:{item['key']}"
            findings.append(finding)

    # ------------------------------------------------------------------ company-wide checks
    def _lp_check_closing_stale(self, company, now):
        sessions = self.env["pos.session"].sudo().search([
            ("company_id", "=", company.id), ("state", "=", "closing_control"),
            ("stop_at", "<", now - timedelta(days=1))])
        fix = _("Count the cash and close the session (Point of Sale > Sessions), or ask the shop why it cannot "
                "close.")
        findings = []
        for session in sessions:
            findings.append(self._lp_finding(
                "closing_stale", session, "medium", 0.0,
                _("Session %(session)s has been in closing control since %(date)s: its sales are not in the "
                  "ledger and its cash is not counted.", session=session.name, date=session.stop_at), fix))
        return findings

    def _lp_check_negative_quants(self, company, sessions=None):
        """Internal quants below zero at locations POS sales took goods from (these sessions', or any)."""
        session_filter = "TRUE" if sessions is None else \
            "(p.pos_session_id = ANY(%(ids)s) OR o.session_id = ANY(%(ids)s))"
        self.env.flush_all()
        rows = self._lp_query(f"""
                WITH neg AS (
                    SELECT q.product_id, q.location_id, SUM(q.quantity) AS qty
                      FROM stock_quant q JOIN stock_location loc ON loc.id = q.location_id AND loc.usage = 'internal'
                     WHERE q.company_id = %(company)s
                  GROUP BY 1, 2 HAVING SUM(q.quantity) < 0)
                SELECT neg.product_id, neg.location_id, neg.qty,
                       (SELECT MAX(COALESCE(o.session_id, p.pos_session_id))
                          FROM stock_move m JOIN stock_picking p ON p.id = m.picking_id
                          LEFT JOIN pos_order o ON o.id = p.pos_order_id
                         WHERE m.product_id = neg.product_id AND m.location_id = neg.location_id
                           AND m.state = 'done' AND (p.pos_session_id IS NOT NULL OR p.pos_order_id IS NOT NULL)
                           AND {session_filter}) AS session_id
                  FROM neg""", {"company": company.id, "ids": sessions.ids if sessions is not None else []})
        rows = [row for row in rows if row[3]]
        products = self.env["product.product"].sudo().with_context(active_test=False).browse(
            [row[0] for row in rows]).with_company(company)
        locations = self.env["stock.location"].sudo().browse([row[1] for row in rows])
        Session = self.env["pos.session"].sudo()
        findings = []
        for product_id, location_id, qty, session_id in rows:
            product, location = products.browse(product_id), locations.browse(location_id)
            session = Session.browse(session_id)
            finding = self._lp_finding(
                "negative_quant", session, "low", -float(qty) * product.standard_price,
                _("%(product)s is at %(qty)s in %(location)s after POS sales (last: session %(session)s): the "
                  "shop sold what the books say it did not have.",
                  product=product.display_name, qty=float(qty), location=location.display_name,
                  session=session.name),
                _("Count the product (Inventory > Physical Inventory) and apply the count; look for unrecorded "
                  "receipts or mis-scanned variants."))
            finding.update(fingerprint=f"negative_quant:{product_id}:{location_id}", product_id=product_id,
                           subject=product.display_name)
            findings.append(finding)
        return findings

    def _lp_finding(self, type_, session, severity, amount, explanation, suggested_fix, method=None):
        method_id = method.id if method else False
        return {
            "type": type_, "session": session, "severity": severity, "amount": amount,
            "explanation": explanation, "suggested_fix": suggested_fix, "payment_method_id": method_id,
            "fingerprint": f"{type_}:{session.id}" + (f":{method_id}" if method_id else ""),
        }
