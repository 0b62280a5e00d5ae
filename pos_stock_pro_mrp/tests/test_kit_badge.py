import json

from odoo import Command
from odoo.tests import tagged

from odoo.addons.pos_stock_pro.models.stock_quant import DIRTY_KEY, PUSH_KEY

from .common import KitCommon


@tagged("post_install", "-at_install")
class TestKitBadge(KitCommon):
    def _loaded(self, session):
        data = session.load_data([])
        return {product["id"]: product for product in data["product.product"]["data"]}

    def test_badge_is_the_number_of_kits_the_components_allow(self):
        quantities = self.config._pos_stock_read_quantities([self.planter.id, self.twin.id, self.gift.id, self.pot.id])
        self.assertEqual(quantities[self.planter.id], 4.0, "min(5 pots / 1, 1.2 kg / 300 g)")
        self.assertEqual(quantities[self.twin.id], 2.0, "a BoM for 2 sets: 2 pots a set, 5 pots -> 2")
        self.assertEqual(quantities[self.gift.id], 4.0, "a kit in a kit is exploded to its components")
        self.assertEqual(quantities[self.pot.id], 5.0, "a component sold alone keeps its own figure")

    def test_pos_load_ships_kit_badges_and_components(self):
        session = self.open_till()
        products = self._loaded(session)
        planter = products[self.planter.id]
        self.assertEqual(planter["_pos_stock_qty"], 4.0)
        self.assertIn("_pos_stock_ts", planter)
        kit = {cid: (per, gated) for cid, per, gated in planter["_pos_stock_kit"]}
        self.assertEqual(set(kit), {self.pot.id, self.soil.id})
        self.assertAlmostEqual(kit[self.soil.id][0], 0.3, places=9, msg="300 g per kit, in the soil's kg")
        self.assertEqual(kit[self.pot.id], (1.0, True))
        self.assertNotIn(self.soil.id, products, "soil is not sold alone, so not loaded...")
        self.assertAlmostEqual(planter["_pos_stock_kit_qty"][str(self.soil.id)], 1.2,
                               msg="...its stock rides on the kit")
        self.assertEqual(products[self.twin.id]["_pos_stock_qty"], 2.0)
        self.assertNotIn("_pos_stock_kit", products[self.pot.id], "a plain product is not a kit")

    def test_bom_changes_are_seen_at_once(self):
        self.assertEqual(self.config._pos_stock_read_quantities([self.planter.id])[self.planter.id], 4.0)
        self.planter.bom_ids.bom_line_ids.filtered(lambda line: line.product_id == self.soil).product_qty = 600
        self.assertEqual(self.config._pos_stock_read_quantities([self.planter.id])[self.planter.id], 2.0)
        self.planter.bom_ids.active = False
        self.assertNotIn(self.planter.id, self.config._pos_stock_read_quantities([self.planter.id]),
                         "an archived kit BoM: the product is no kit any more (and has no stock of its own)")

    def test_component_push_refreshes_the_kits_that_use_it(self):
        self.open_till()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        self.env.cr.postcommit.data.pop(PUSH_KEY, None)
        self.env["stock.quant"]._update_available_quantity(self.soil, self.location, -0.6)
        keys = set(self.env.cr.precommit.data.get(DIRTY_KEY, set())) | set(
            self.env.cr.postcommit.data.get(PUSH_KEY, set()))
        self.assertEqual(keys, {(self.soil.id, self.location.id)}, "only the soil's quant changed")
        self.assertEqual(self.env["pos.config"]._pos_stock_push(keys), 1)
        self.env.cr.precommit.run()  # bus rows are written at commit time
        messages = [json.loads(n.message) for n in self.env["bus.bus"].sudo().search(
            [("channel", "like", self.config.access_token)])]
        payloads = [m["payload"] for m in messages if m["type"] == f"{self.config.access_token}-POS_STOCK_PRO"]
        self.assertEqual(len(payloads), 1)
        qty = payloads[0]["qty"]
        self.assertEqual(qty[str(self.planter.id)], 2.0, "0.6 kg left: 2 Planter Kits")
        self.assertEqual(qty[str(self.gift.id)], 2.0, "and 2 Gift Planters (a kit of the kit)")
        self.assertEqual(qty[str(self.twin.id)], 2.0, "pots still limit the Twin sets")
        self.assertAlmostEqual(qty[str(self.soil.id)], 0.6, msg="the component itself, for the till's gate")

    def test_closing_mode_subtracts_the_components_of_unpicked_kits(self):
        self.company.point_of_sale_update_stock_quantities = "closing"
        session = self.open_till()
        self.assertTrue(session.update_stock_at_closing)
        self.env["pos.order"].sync_from_ui([self.ui_order([(self.planter, 2)])])
        self.assertFalse(session.order_ids.picking_ids, "closing mode: no picking yet")
        quantities = self.config._pos_stock_read_quantities([self.planter.id, self.pot.id, self.soil.id])
        self.assertEqual(quantities[self.pot.id], 3.0, "2 kits sold, their pots not picked yet")
        self.assertAlmostEqual(quantities[self.soil.id], 0.6)
        self.assertEqual(quantities[self.planter.id], 2.0)

    def test_template_kit_covers_its_variants_even_a_new_one(self):
        """A BoM on the template (no variant) makes every variant a kit, one added after the kit index was
        cached included."""
        glaze = self.env["product.attribute"].create({
            "name": "Glaze", "value_ids": [Command.create({"name": "Matte"}), Command.create({"name": "Gloss"})]})
        matte_value, gloss_value = glaze.value_ids
        template = self.env["product.template"].create({
            "name": "Glazed Planter", "type": "consu", "available_in_pos": True, "list_price": 25.0,
            "attribute_line_ids": [
                Command.create({"attribute_id": glaze.id, "value_ids": [Command.set(matte_value.ids)]})],
        })
        self.env["mrp.bom"].create({
            "product_tmpl_id": template.id, "type": "phantom",
            "bom_line_ids": [Command.create({"product_id": self.pot.id, "product_qty": 1})],
        })
        matte = template.product_variant_ids
        self.assertEqual(self.config._pos_stock_read_quantities([matte.id]).get(matte.id), 5.0)
        template.attribute_line_ids.value_ids = [Command.link(gloss_value.id)]
        gloss = template.product_variant_ids - matte
        self.assertTrue(gloss)
        self.assertEqual(self.config._pos_stock_read_quantities([gloss.id]).get(gloss.id), 5.0,
                         "the new variant is a kit at once: 5 pots")

    def test_no_kit_among_the_products_costs_no_query(self):
        """Each order sync asks which of its products are kits: without a kit line, from the cache alone."""
        Bom = self.env["mrp.bom"]
        Bom._pos_stock_kits(self.config, [self.pot.id, self.ribbon.id])  # warm the kit index
        before = self.cr.sql_log_count
        self.assertEqual(Bom._pos_stock_kits(self.config, [self.pot.id, self.ribbon.id]), {})
        self.assertEqual(self.cr.sql_log_count - before, 0)
