"""A shop whose sessions are sold and closed for real, and helpers to run the reconciliation."""

from datetime import timedelta

from odoo import fields

from odoo.addons.pos_loss_prevention_base.tests.common import LossPreventionCommon


class ReconciliationCommon(LossPreventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Exception = cls.env["pos.reconciliation.exception"]
        cls.Run = cls.env["pos.reconciliation.run"]
        cls.goods = cls.create_product("Recon Chair", cls.categ_basic, 100.0, tax_ids=cls.taxes["tax7"].ids)
        cls.stock_location = cls.config.picking_type_id.default_location_src_id
        cls.env["stock.quant"]._update_available_quantity(cls.goods, cls.stock_location, 50)
        if "guard_enabled" in cls.config._fields:  # pos_session_guard would refuse the counted differences
            cls.config.sudo().guard_enabled = False
        cash_journal = cls.cash_pm1.journal_id
        if not cash_journal.loss_account_id or not cash_journal.profit_account_id:
            account = cls.company_data["default_account_revenue"]
            cash_journal.write({"loss_account_id": account.id, "profit_account_id": account.id})

    def sell(self, *payments, qty=1, product=None):
        """One order of ``qty`` goods paid by ``payments`` [(method, share)] (shares of the total)."""
        product = product or self.goods
        data = self.create_ui_order_data([(product, qty)])
        total = data["amount_total"]
        if payments:
            data = self.create_ui_order_data(
                [(product, qty)], payments=[(method, round(total * share, 2)) for method, share in payments])
        return self.env["pos.order"].browse(self.env["pos.order"].sync_from_ui([data])["pos.order"][0]["id"])

    def close(self, session, difference=0.0):
        cash = sum(session.order_ids.payment_ids.filtered(lambda p: p.payment_method_id == self.cash_pm1)
                   .mapped("amount"))
        session.post_closing_cash_details(session.cash_register_balance_start + cash + difference)
        result = session.close_session_from_ui()
        self.assertTrue(result.get("successful"), result)
        self.assertEqual(session.state, "closed")
        return session

    def sold_session(self, *payments, difference=0.0):
        session = self.open_new_session(0)
        self.sell(*(payments or [(self.cash_pm1, 1.0)]))
        return self.close(session, difference)

    def reconcile(self, days_later=0):
        now = fields.Datetime.now() + timedelta(days=days_later)
        return self.Run._lp_reconcile_company(self.company, now=now)

    def exceptions(self, session=None, type_=None, status=None):
        domain = [("company_id", "=", self.company.id)]
        if session:
            domain.append(("session_id", "=", session.id))
        if type_:
            domain.append(("type", "=", type_))
        if status:
            domain.append(("status", "=", status))
        return self.Exception.search(domain)

    def assertOneException(self, session, type_):
        """Exactly one open exception on the session, of this type; returns it."""
        found = self.exceptions(session=session, status="open")
        self.assertEqual(found.mapped("type"), [type_], found.mapped("explanation"))
        return found

    def assertResolved(self, exception):
        self.reconcile()
        exception.invalidate_recordset()
        self.assertEqual(exception.status, "resolved", exception.explanation)
        self.assertIn("Resolved automatically", exception.resolution_note)
        self.assertEqual(exception.history_ids.sorted("id")[-1].new_status, "resolved")
        self.assertFalse(self.exceptions(session=exception.session_id, status="open"))
