"""A garden shop's kits, shaped like a real catalogue.

- Terracotta Pot: counted in Units, sold alone too; 5 on the shelf.
- Potting Soil: counted in kg, not sold alone (not in the POS); 1.2 kg.
- Planter Kit: 1 pot + 300 g of soil (a BoM line in grams) -> min(5/1, 1.2/0.3) = 4 kits.
- Twin Planter Set: a BoM that makes 2 sets from 4 pots + 200 g -> 2 pots and 0.1 kg a set -> 2 sets.
- Gift Planter: 1 Planter Kit (a kit in a kit) + 1 ribbon (10 in stock) -> 4.
"""

from odoo import Command

from odoo.addons.pos_stock_pro.tests.common import StockProCommon


def make_kit(env, product, lines, product_qty=1.0):
    return env["mrp.bom"].create({
        "product_tmpl_id": product.product_tmpl_id.id, "product_id": product.id, "type": "phantom",
        "product_qty": product_qty,
        "bom_line_ids": [Command.create({"product_id": component.id, "product_qty": qty, "product_uom_id": uom.id})
                         for component, qty, uom in lines],
    })


class KitCommon(StockProCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        unit, kg = env.ref("uom.product_uom_unit"), env.ref("uom.product_uom_kgm")
        gram = env.ref("uom.product_uom_gram")
        Product = env["product.product"]
        cls.pot = cls.create_product("Terracotta Pot", cls.categ_basic, 8.0)
        cls.soil = Product.create({
            "name": "Potting Soil", "is_storable": True, "available_in_pos": False, "uom_id": kg.id,
            "uom_po_id": kg.id, "lst_price": 4.0, "categ_id": cls.categ_basic.id,
        })
        cls.ribbon = Product.create({"name": "Gift Ribbon", "is_storable": True, "lst_price": 1.0})

        def kit_product(name, price):
            return Product.create({
                "name": name, "type": "consu", "is_storable": False, "available_in_pos": True,
                "lst_price": price, "taxes_id": [Command.clear()], "categ_id": cls.categ_basic.id,
            })

        cls.planter = kit_product("Planter Kit", 20.0)
        cls.twin = kit_product("Twin Planter Set", 35.0)
        cls.gift = kit_product("Gift Planter", 30.0)
        make_kit(env, cls.planter, [(cls.pot, 1, unit), (cls.soil, 300, gram)])
        make_kit(env, cls.twin, [(cls.pot, 4, unit), (cls.soil, 200, gram)], product_qty=2)
        make_kit(env, cls.gift, [(cls.planter, 1, unit), (cls.ribbon, 1, unit)])
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.pot, cls.location, 5.0)
        Quant._update_available_quantity(cls.soil, cls.location, 1.2)
        Quant._update_available_quantity(cls.ribbon, cls.location, 10.0)
