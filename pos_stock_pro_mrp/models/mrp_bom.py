"""Which products are kits, and what one kit takes from stock: the BoM explosion the POS needs.

A kit (BoM of type 'phantom') has no quants: its picking moves the components. So the badge of a kit is
the number of kits its components allow, and the gate judges a kit line on its components.
"""

from collections import defaultdict
from contextlib import contextmanager

from odoo import api, models
from odoo.tools import ormcache

# A kit of kits is exploded down to this depth (it also stops a BoM cycle).
MAX_DEPTH = 5
KIT_FIELDS = {"type", "active", "product_id", "product_tmpl_id", "company_id"}
# Context key of a POS load's kit memo (see _pos_stock_kit_memo).
MEMO_KEY = "pos_stock_kit_memo"


class MrpBom(models.Model):
    _inherit = "mrp.bom"

    @api.model_create_multi
    def create(self, vals_list):
        boms = super().create(vals_list)
        if any(bom.type == "phantom" for bom in boms):
            self.env.registry.clear_cache()  # _pos_stock_kit_index
        return boms

    def write(self, vals):
        was_kit = any(bom.type == "phantom" for bom in self)
        result = super().write(vals)
        if KIT_FIELDS.intersection(vals) and (was_kit or any(bom.type == "phantom" for bom in self)):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        kit = any(bom.type == "phantom" for bom in self)
        result = super().unlink()
        if kit:
            self.env.registry.clear_cache()
        return result

    @ormcache()
    def _pos_stock_kit_index(self):
        """(product ids, template ids, kit ids) of every active kit BoM: each order sync asks "any kit here?"
        and must not pay a query for it (the common case is a shop whose orders have no kit). Kit ids are the
        product-level kits plus every variant of a template-level kit (archived ones included): a new variant
        of such a template clears this cache (product_product.py)."""
        self.flush_model(["type", "active", "product_id", "product_tmpl_id"])
        self.env["product.product"].flush_model(["product_tmpl_id"])
        # SQL: every kit of the database, whatever the caller's company and rules (the result is cached for all).
        self.env.cr.execute("SELECT product_id, product_tmpl_id FROM mrp_bom WHERE type = 'phantom' AND active")
        rows = self.env.cr.fetchall()
        products = frozenset(product for product, _tmpl in rows if product)
        templates = frozenset(tmpl for product, tmpl in rows if not product)
        variants = ()
        if templates:
            self.env.cr.execute("SELECT id FROM product_product WHERE product_tmpl_id = ANY(%s)", [list(templates)])
            variants = [pid for pid, in self.env.cr.fetchall()]
        return products, templates, products.union(variants)

    @api.model
    @contextmanager
    def _pos_stock_kit_memo(self, config):
        """Yield ``config`` in a context where each kit is exploded once until the block ends.

        A POS load looks its products' kits up twice (its quantity read, then its kit pass), 40 ms each for
        200 kits among 5,000 products. The memo lives on the cursor for the block only: a BoM changed
        afterwards is read afresh."""
        memos = self.env.cr.cache.setdefault(MEMO_KEY, {})
        memo = {}
        memos[id(memo)] = memo
        try:
            yield config.with_context(**{MEMO_KEY: id(memo)})
        finally:
            memos.pop(id(memo), None)

    @api.model
    def _pos_stock_kits(self, config, product_ids):
        """{kit_id: {component_id: qty per kit}} for the kits among ``product_ids`` (this shop's company).

        Per kit means one unit of the kit's own unit of measure, in the component's unit: the BoM's line
        quantities divided by what the BoM makes (a BoM for 2 kits), units converted at every level, nested
        kits exploded (as a picking explodes them). Not rounded up per line as a picking does: the till
        multiplies these by the line quantity and must reach the server's very figure.
        """
        memo = self.env.cr.cache.get(MEMO_KEY, {}).get(self.env.context.get(MEMO_KEY))
        if memo is None:
            return self._pos_stock_explode_kits(config, product_ids)
        todo = [pid for pid in product_ids or [] if (config.id, pid) not in memo]
        found = self._pos_stock_explode_kits(config, todo) if todo else {}
        memo.update({(config.id, pid): found.get(pid) for pid in todo})
        return {pid: memo[config.id, pid] for pid in product_ids if memo[config.id, pid] is not None}

    @api.model
    def _pos_stock_explode_kits(self, config, product_ids):
        """_pos_stock_kits without the memo."""
        product_ids = list(product_ids or [])
        kit_ids = self._pos_stock_kit_index()[2]
        if not product_ids or not kit_ids:
            return {}
        Product = self.env["product.product"].sudo()
        # Ids first, from the cached index: a load of 5,000 products must not read them (nor their templates)
        # to find 200 kits, and a sync without a kit line pays no query. A fresh browse: the kits' prefetch
        # set is the kits, not every product of the load (reading one kit's unit would otherwise compute it
        # for 5,000 products).
        candidates = Product.browse([pid for pid in product_ids if pid in kit_ids])
        if not candidates:
            return {}
        Bom = self.sudo()
        company_id = config.company_id.id
        boms = Bom._bom_find(candidates, company_id=company_id, bom_type="phantom")
        kits = {}
        for kit in candidates:
            bom = boms.get(kit)
            if not bom:
                continue
            components = defaultdict(float)
            batches = kit.uom_id._compute_quantity(
                1.0, bom.product_uom_id, round=False, raise_if_failure=False) / (bom.product_qty or 1.0)
            Bom._pos_stock_explode(bom, kit, batches, components, company_id, 0)
            kits[kit.id] = dict(components)
        return kits

    def _pos_stock_explode(self, bom, product, batches, components, company_id, depth):
        kit_ids = self._pos_stock_kit_index()[2]
        for line in bom.bom_line_ids:
            if line._skip_bom_line(product):
                continue  # a line for other variants of the kit's template
            qty = batches * line.product_qty  # in the line's unit
            component = line.product_id
            sub = None
            if depth < MAX_DEPTH and component.id in kit_ids:
                sub = self._bom_find(component, company_id=company_id, bom_type="phantom").get(component)
            if sub:
                sub_batches = line.product_uom_id._compute_quantity(
                    qty, sub.product_uom_id, round=False, raise_if_failure=False) / (sub.product_qty or 1.0)
                self._pos_stock_explode(sub, component, sub_batches, components, company_id, depth + 1)
                continue
            components[component.id] += line.product_uom_id._compute_quantity(
                qty, component.uom_id, round=False, raise_if_failure=False)

    @api.model
    def _pos_stock_kits_using(self, product_ids):
        """Ids of the kits (at any depth) whose BoM uses one of these products: what a push must refresh."""
        if not product_ids or not self._pos_stock_kit_index()[2]:
            return set()
        found, frontier = set(), set(product_ids)
        Line = self.env["mrp.bom.line"].sudo()
        for _depth in range(MAX_DEPTH):
            lines = Line.search([("product_id", "in", list(frontier)), ("bom_id.type", "=", "phantom")])
            kits = set()
            for bom in lines.bom_id:
                kits.update((bom.product_id or bom.product_tmpl_id.product_variant_ids).ids)
            frontier = kits - found
            if not frontier:
                break
            found |= frontier
        return found
