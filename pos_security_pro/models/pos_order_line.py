"""What a synced line should cost, computed from the database, and the gate on deleting synced lines.

The backstop never trusts what the till says a line is: ``price_type``, ``price_extra``,
``combo_parent_id`` / ``combo_line_ids`` and ``refunded_orderline_id`` are all client fields. The
expected unit price is Odoo's own pricelist computation (``_compute_price_rule``, the API behind
``_get_product_price``) for the variant, the quantity and the order's date, plus the extras of the
line's no-variant attribute values that belong to the product, and, with a fiscal position, the
tax-included price mapped to the position's taxes. Prices are computed per distinct quantity, not
per line: a routine sale costs one rules lookup per order.
"""

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .pos_order import lp_in_sync


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    # ------------------------------------------------------------------ expected prices
    def _lp_attribute_extra(self):
        """Price extra of the no-variant attribute values the line names, counted only when they
        belong to the line's product (a variant's own values are in its price already)."""
        self.ensure_one()
        values = self.attribute_value_ids
        if not values:
            return 0.0
        template = self.product_id.product_tmpl_id
        values = values.sudo().filtered(
            lambda value: value.product_tmpl_id == template and value.attribute_id.create_variant != "always")
        return sum(values.mapped("price_extra"))

    def _lp_expected_prices(self, pricelist, fiscal_position, date, quantity=None):
        """{line: (unit price, ...)}: the unit prices a till or the backend would give each line.

        Without a fiscal position: the pricelist price. With one: that price, or the price adapted
        to the mapped taxes (``_fix_tax_included_price_company``, as the backend line does; the till
        keeps the pricelist price and maps only the taxes). ``quantity`` forces the quantity the
        rules see (a combo is priced for one, as the till does).
        """
        order = self.order_id[:1]
        currency = order.currency_id
        groups = defaultdict(list)
        for line in self:
            qty = quantity if quantity is not None else (abs(line.qty) or 1.0)
            groups[qty, line._lp_attribute_extra()].append(line)
        prices = {}
        Product = self.env["product.product"]
        for (qty, extra), lines in groups.items():
            products = Product.union(*(line.product_id for line in lines))
            if extra:
                products = products.with_context(no_variant_attributes_price_extra=extra)
            if pricelist:
                by_product = pricelist._get_products_price(products, qty, currency=currency, date=date)
            else:
                by_product = {product.id: product.lst_price + extra for product in products}
            for line in lines:
                prices[line] = (by_product[line.product_id.id],)
        if fiscal_position:
            Tax = self.env["account.tax"]
            company = order.company_id
            for line, (price,) in prices.items():
                taxes = line.product_id.sudo().taxes_id
                mapped = fiscal_position.map_tax(taxes)
                prices[line] = (price, Tax._fix_tax_included_price_company(price, taxes, mapped, company))
        return prices

    # ------------------------------------------------------------------ combos
    def _lp_combo_children(self):
        """The lines of ``self`` (a combo parent) that are really items of its combo: the parent's
        product is a combo and each child's combo item is one of that combo's items for the child's
        product. Other lines the client linked are judged as ordinary sales."""
        self.ensure_one()
        product = self.product_id
        if product.type != "combo":
            return self.browse()
        items = product.sudo().combo_ids.combo_item_ids
        return self.order_id.lines.filtered(
            lambda child: child.combo_parent_id == self and child.combo_item_id in items
            and child.combo_item_id.product_id == child.product_id and not child.refunded_orderline_id)

    def _lp_combo_expected(self, children, pricelist, fiscal_position, date):
        """(expected total, {child: expected unit price}) of a combo, distributed as the till does
        (point_of_sale's computeComboItems): the parent product's price for one, shared between the
        items in proportion to their combo's base price, the last item taking the rounding rest; plus
        each item's extra price and attribute extras. Several totals when a fiscal position applies."""
        self.ensure_one()
        precision = self.env["decimal.precision"].precision_get("Product Price")
        parent_prices = self._lp_expected_prices(pricelist, fiscal_position, date, quantity=1.0)[self]
        children = children.sorted("id")
        bases = [child.combo_item_id.combo_id.sudo().base_price or 0.0 for child in children]
        base_total = sum(bases)
        totals, per_child = [], {}
        for variant, parent_price in enumerate(parent_prices):
            rest, expected = parent_price, {}
            for index, (child, base) in enumerate(zip(children, bases, strict=True)):
                share = fields.Float.round(base * parent_price / base_total, precision_digits=precision) \
                    if base_total else 0.0
                rest -= share
                if index == len(children) - 1:
                    share += rest
                expected[child] = share + (child.combo_item_id.sudo().extra_price or 0.0) + child._lp_attribute_extra()
            totals.append(sum(expected.values()))
            if not variant:
                per_child = expected
        return totals, per_child

    # ------------------------------------------------------------------ refunds
    def _lp_refunded_line(self):
        """The paid line this negative line really refunds, or an empty recordset: the named line must
        be a line of another paid order, of the same product, with enough quantity left to refund."""
        self.ensure_one()
        refunded = self.refunded_orderline_id.sudo()
        if not refunded or self.qty >= 0 or refunded.order_id == self.order_id:
            return self.browse()
        if refunded.product_id != self.product_id or refunded.order_id.state not in ("paid", "done", "invoiced"):
            return self.browse()
        this_order = self.order_id.lines.filtered(lambda line: line.refunded_orderline_id == refunded)
        elsewhere = refunded.refund_orderline_ids.filtered(
            lambda line: line.order_id != self.order_id and line.order_id.state != "cancel")
        already = -sum(elsewhere.mapped("qty"))
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        if fields.Float.compare(-sum(this_order.mapped("qty")) + already, refunded.qty, precision_digits=precision) > 0:
            return self.browse()
        return refunded

    # ------------------------------------------------------------------ deleting synced lines
    @api.ondelete(at_uninstall=False)
    def _lp_unlink_except_unapproved(self):
        """A synced line leaves its order through the till's re-sync, where the removal is checked
        (approval or flag). A direct unlink() by a POS user bypasses that: refused, on record."""
        if lp_in_sync() or self.env.su or self.env.user._lp_is_pos_manager():
            return
        for order in self.order_id:
            lines = self.filtered(lambda line, order=order: line.order_id == order)
            employee, role = order._lp_cashier()
            if not role._lp_requires_approval("delete_line"):
                continue
            amount = order.currency_id.round(sum(lines.mapped("price_subtotal_incl")))
            message = _("%(count)s line(s) (%(amount)s) deleted outside the till without an approval",
                        count=len(lines), amount=amount)
            order.session_id._lp_log_approval("delete_line", "denied", {
                "requested_by": employee, "value": amount, "order_uuid": order.uuid,
                "product_id": lines[:1].product_id.id, "old_value": "%g" % sum(lines.mapped("qty")),
                "message": message,
            }, detached=True)
            raise UserError(_("Lines of a synced order are deleted at the till, where the deletion needs a "
                              "supervisor's approval (%s).", message))
