"""Raw RPC, as a POS user with the Cashier role: what the order-sync backstop decides from the
database, never from fields the till may set (issue: server holes a dishonest cashier can use)."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SecurityCommon


class DetachedEvidenceMixin:
    """Refusals are written in a detached transaction, which shares the test's cursor (see
    LossPreventionCommon.setUp): use try/except, not assertRaises, whose savepoint would roll the row back."""

    def assertRefused(self, call, *args, text=None):
        try:
            call(*args)
        except UserError as error:
            if text:
                self.assertIn(text, str(error))
            return error
        self.fail("the call went through")


@tagged("post_install", "-at_install")
class TestTheServerKnowsWhoIsAtTheTill(DetachedEvidenceMixin, SecurityCommon):
    """Employee login: the server-checked login decides, not the employee_id an order or extras name."""

    def setUp(self):
        self.config.write({"module_pos_hr": True})
        super().setUp()
        self.cashier.pos_security_role_id = self.role_cashier
        self.manager.pos_security_role_id = self.role_manager
        self.assertTrue(self.login(self.cashier)["ok"])

    def test_order_naming_a_manager_is_judged_as_the_logged_in_cashier(self):
        data = self.order_data([(self.product, 1, 50)])
        data["employee_id"] = self.manager.id  # the till's claim
        order = self.sync(data)
        flag = self.flags(order)
        self.assertEqual(flag.action_type, "discount")
        self.assertEqual(flag.requested_by_id, self.cashier, "the evidence names the server-checked login")
        self.assertIn("Mona Manager", flag.message)

    def test_manager_logged_in_discounts_freely(self):
        self.assertTrue(self.login(self.manager)["ok"])
        self.assertFalse(self.flags(self.sync(self.order_data([(self.product, 1, 50)], employee=self.manager))))

    def test_cash_out_naming_the_manager_needs_an_approval(self):
        lines = self.env["account.bank.statement.line"]
        self.assertRefused(self.session.try_cash_in_out, "out", 50.0, "lunch",
                           {"translatedType": "out", "employee_id": self.manager.id}, text="approval")
        self.assertFalse(lines.search([("pos_session_id", "=", self.session.id)]), "no money moved")
        log = self.env["pos.approval.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual((log.action_type, log.status, log.requested_by_id), ("cash_out", "denied", self.cashier))


@tagged("post_install", "-at_install")
class TestPricesFromTheDatabase(SecurityCommon):
    """The expected unit price is the server's, whatever price_type, refunded line or tip product the
    till names; genuinely automatic prices are not flagged."""

    def paid_order(self, lines):
        return self.sync(self.order_data(lines))

    def test_automatic_price_type_does_not_hide_a_lowered_price(self):
        data = self.order_data([(self.product, 1)], price_unit=1.0)
        data["lines"][0][2]["price_type"] = "automatic"
        flag = self.flags(self.sync(data))
        self.assertEqual((flag.action_type, flag.old_value, flag.new_value), ("price", "100.0", "1.0"))

    def test_sale_naming_an_unrelated_refunded_line_is_judged_as_a_sale(self):
        other = self.create_product("Unrelated Product", self.categ_basic, 50.0)
        past = self.paid_order([(other, 1)])
        data = self.order_data([(self.product, 1)], price_unit=1.0)
        data["lines"][0][2].update(price_type="automatic", refunded_orderline_id=past.lines.id)
        self.assertEqual(self.flags(self.sync(data)).action_type, "price")
        # A negative line naming a line of another product is no refund of it either: at 300.00 it
        # gives back more than the product costs.
        data = self.order_data([(self.product, -1)], price_unit=300.0)
        data["lines"][0][2].update(price_type="automatic", refunded_orderline_id=past.lines.id)
        self.assertEqual(sorted(self.flags(self.sync(data)).mapped("action_type")), ["price", "refund"])

    def test_genuine_refund_keeps_its_price_but_not_more(self):
        past = self.paid_order([(self.product, 2, 20)])
        data = self.order_data([(self.product, -1, 20)])
        data["lines"][0][2].update(price_type="automatic", refunded_orderline_id=past.lines.id)
        flags = self.flags(self.sync(data))
        self.assertEqual(flags.mapped("action_type"), ["refund"], "the sale's price and discount are no change")
        data = self.order_data([(self.product, -1)], price_unit=150.0)
        data["lines"][0][2].update(price_type="automatic", refunded_orderline_id=past.lines.id)
        self.assertIn("price", self.flags(self.sync(data)).mapped("action_type"))

    def test_refunding_more_than_was_sold_is_no_genuine_refund(self):
        past = self.paid_order([(self.product, 1)])
        data = self.order_data([(self.product, -3)], price_unit=120.0)
        data["lines"][0][2].update(price_type="automatic", refunded_orderline_id=past.lines.id)
        self.assertEqual(sorted(self.flags(self.sync(data)).mapped("action_type")), ["price", "refund"])

    def test_reduce_quantity_token_does_not_cover_an_overpriced_negative_line(self):
        data = self.order_data([(self.product, 2), (self.product, -1)])
        data["lines"][1][2].update(price_unit=300.0, price_type="automatic")
        data["lp_approval_tokens"] = '["%s"]' % self.approve("reduce_qty", 1.0, order_uuid=data["uuid"])["token"]
        flag = self.flags(self.sync(data))
        self.assertEqual((flag.action_type, flag.new_value), ("price", "300.0"))

    def test_cashier_cannot_turn_a_product_into_the_tip_product(self):
        config = self.config.with_user(self.till_user)
        for vals in ({"tip_product_id": self.product.id}, {"available_pricelist_ids": [Command.link(1)]},
                     {"fiscal_position_ids": [Command.clear()]}, {"pricelist_id": False}):
            with self.assertRaises(AccessError):
                config.write(vals)
        # The tip product as stored is free-priced; any other product is not.
        tip = self.config.tip_product_id or self.create_product("Tip", self.categ_basic, 0.0)
        self.config.tip_product_id = tip
        tip_data = self.order_data([(tip, 1)], price_unit=7.0)
        self.assertFalse(self.flags(self.sync(tip_data)))
        data = self.order_data([(self.product, 1)], price_unit=7.0)
        data["is_tipped"], data["tip_amount"] = True, 7.0
        self.assertEqual(self.flags(self.sync(data)).action_type, "price")


@tagged("post_install", "-at_install")
class TestDraftsPaidOrDeletedOutsideTheSync(DetachedEvidenceMixin, SecurityCommon):
    def draft(self, lines):
        data = self.order_data(lines)
        data.update(state="draft", payment_ids=[], amount_paid=0, amount_return=0)
        return self.sync(data)

    def test_draft_paid_later_by_rpc_is_checked(self):
        draft = self.draft([(self.product, 1, 30)])
        self.assertFalse(self.flags(draft), "a draft is not judged yet")
        order = draft.with_user(self.till_user)
        order.add_payment({"pos_order_id": order.id, "amount": order.amount_total, "name": fields.Datetime.now(),
                           "payment_method_id": self.cash_pm1.id})
        order.action_pos_order_paid()
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.flags(draft).action_type, "discount")
        written = self.draft([(self.product, 1)])
        written.with_user(self.till_user).write({"state": "paid"})
        self.assertFalse(self.flags(written), "a routine order paid by write() is not flagged")
        priced = self.draft([(self.product, 1, 40)])
        priced.with_user(self.till_user).write({"state": "paid"})
        self.assertEqual(self.flags(priced).action_type, "discount")

    def test_deleting_a_synced_line_is_refused(self):
        other = self.create_product("Forty", self.categ_basic, 40.0)
        draft = self.draft([(self.product, 1), (other, 1)])
        line = draft.lines.filtered(lambda line: line.product_id == other)
        self.assertRefused(line.with_user(self.till_user).unlink, text="approval")
        self.assertTrue(line.exists())
        log = self.env["pos.approval.log"].search([("order_uuid", "=", draft.uuid)])
        self.assertEqual((log.action_type, log.status, log.new_value), ("delete_line", "denied", "40.0"))
        self.cashier.pos_security_role_id = self.role_manager
        line.with_user(self.till_user).unlink()
        self.assertFalse(line.exists(), "within the role's authority")

    def test_deleting_a_synced_draft_is_refused_unless_approved(self):
        draft = self.draft([(self.product, 2)])
        self.assertRefused(draft.with_user(self.till_user).unlink, text="approval")
        self.assertRefused(self.env["pos.order"].with_user(self.till_user).remove_from_ui, [draft.id])
        self.assertTrue(draft.exists())
        logs = self.env["pos.approval.log"].search([("order_uuid", "=", draft.uuid)])
        self.assertEqual(logs.mapped("status"), ["denied", "denied"])
        self.assertEqual(set(logs.mapped("new_value")), {"200.0"})
        self.approve("cancel_order", None, order_uuid=draft.uuid)
        draft.with_user(self.till_user).unlink()
        self.assertFalse(draft.exists())
        empty = self.draft([])
        empty.with_user(self.till_user).unlink()  # nothing on it: nothing to approve


@tagged("post_install", "-at_install")
class TestPricelistsAndFiscalPositions(SecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pricelist = cls.env["product.pricelist"]
        cls.promo = Pricelist.create({"name": "Promo", "item_ids": [
            Command.create({"applied_on": "1_product", "product_tmpl_id": cls.product.product_tmpl_id.id,
                            "compute_price": "percentage", "percent_price": 20}),
            Command.create({"applied_on": "1_product", "product_tmpl_id": cls.product.product_tmpl_id.id,
                            "compute_price": "fixed", "fixed_price": 60, "min_quantity": 10}),
        ]})
        cls.staff = Pricelist.create({"name": "Staff 90", "item_ids": [
            Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 90})]})
        cls.taxed = cls.create_product("Taxed Product", cls.categ_basic, 110.0, tax_ids=cls.taxes["tax10"].ids)
        FiscalPosition = cls.env["account.fiscal.position"]
        cls.export = FiscalPosition.create({"name": "Export", "tax_ids": [Command.create({
            "tax_src_id": cls.taxes["tax10"].id, "tax_dest_id": cls.taxes["tax7"].id})]})
        cls.elsewhere = FiscalPosition.create({"name": "Not Offered"})
        default = cls.config.pricelist_id
        cls.config.write({
            "use_pricelist": True, "available_pricelist_ids": [Command.set((default | cls.promo).ids)],
            "tax_regime_selection": True, "fiscal_position_ids": [Command.set(cls.export.ids)],
        })

    def priced(self, product, qty, price, pricelist=None, position=None, price_type="original"):
        data = self.order_data([(product, qty)], price_unit=price)
        data["lines"][0][2]["price_type"] = price_type
        if pricelist:
            data["pricelist_id"] = pricelist.id
        if position:
            data["fiscal_position_id"] = position.id
        return self.flags(self.sync(data))

    def test_pricelist_rule_prices_are_not_flagged(self):
        self.assertFalse(self.priced(self.product, 1, 80.0, pricelist=self.promo))
        self.assertFalse(self.priced(self.product, 10, 60.0, pricelist=self.promo), "the rule for 10 or more")
        self.assertEqual(self.priced(self.product, 2, 60.0, pricelist=self.promo).action_type, "price")
        self.assertEqual(self.priced(self.product, 1, 80.0).action_type, "price", "not the order's pricelist")

    def test_pricelist_the_till_does_not_offer_is_flagged(self):
        flag = self.priced(self.product, 1, 10.0, pricelist=self.staff, price_type="automatic")
        self.assertEqual(flag.action_type, "price")
        self.assertIn("Staff 90", flag.message)

    def test_fiscal_position_prices_are_not_flagged(self):
        self.assertFalse(self.priced(self.taxed, 1, 110.0, position=self.export), "the till's price")
        self.assertFalse(self.priced(self.taxed, 1, 100.0, position=self.export), "mapped tax-included price")
        self.assertEqual(self.priced(self.taxed, 1, 50.0, position=self.export).action_type, "price")

    def test_fiscal_position_the_till_does_not_offer_is_flagged(self):
        flags = self.priced(self.taxed, 1, 110.0, position=self.elsewhere)
        self.assertEqual(flags.action_type, "price")
        self.assertIn("Not Offered", flags.message)
        self.assertEqual(flags.new_value, "Not Offered")


@tagged("post_install", "-at_install")
class TestCombosAndVariants(SecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.burger = cls.create_product("Burger", cls.categ_basic, 30.0)
        cls.drink = cls.create_product("Drink", cls.categ_basic, 20.0)
        Combo = cls.env["product.combo"].with_context(default_company_id=cls.env.company.id)
        cls.mains = Combo.create({"name": "Mains", "combo_item_ids": [Command.create({"product_id": cls.burger.id})]})
        cls.drinks = Combo.create({"name": "Drinks", "combo_item_ids": [
            Command.create({"product_id": cls.drink.id, "extra_price": 2.0})]})
        cls.menu = cls.env["product.product"].create({
            "name": "Menu", "type": "combo", "list_price": 40.0, "available_in_pos": True,
            "company_id": cls.env.company.id,
            "taxes_id": [Command.clear()], "combo_ids": [Command.set((cls.mains | cls.drinks).ids)],
        })

    def combo_data(self, parent, children, discount=0.0):
        """A combo as the till sends it: children linked to the parent by their line ids."""
        data = self.order_data([(parent, 1)] + [(product, 1, discount) for product, _price, _item in children])
        parent_vals = data["lines"][0][2]
        parent_vals.update(uuid="parent-line", price_unit=0.0, price_type="original")
        for index, (command, (_product, price, item)) in enumerate(zip(data["lines"][1:], children, strict=True)):
            command[2].update(uuid=f"child-{index}", price_unit=price, price_type="automatic",
                              combo_item_id=item.id if item else False)
        parent_vals["combo_line_ids"] = [command[2]["id"] for command in data["lines"][1:]]
        return data

    def test_combo_distribution_is_not_flagged(self):
        burger_item, drink_item = self.mains.combo_item_ids, self.drinks.combo_item_ids
        # 40.00 shared 30:20 -> 24.00 and 16.00, plus the drink's 2.00 extra.
        order = self.sync(self.combo_data(
            self.menu, [(self.burger, 24.0, burger_item), (self.drink, 18.0, drink_item)]))
        self.assertEqual(len(order.lines.filtered("combo_parent_id")), 2, "the combo is linked on the server")
        self.assertFalse(self.flags(order))

    def test_combo_lines_with_90_percent_discounts_are_flagged(self):
        burger_item, drink_item = self.mains.combo_item_ids, self.drinks.combo_item_ids
        data = self.combo_data(self.menu, [(self.burger, 24.0, burger_item), (self.drink, 18.0, drink_item)], 90)
        self.assertEqual(self.flags(self.sync(data)).mapped("action_type"), ["discount", "discount"])

    def test_combo_priced_below_the_combo_is_flagged(self):
        burger_item, drink_item = self.mains.combo_item_ids, self.drinks.combo_item_ids
        flags = self.flags(self.sync(self.combo_data(
            self.menu, [(self.burger, 1.0, burger_item), (self.drink, 18.0, drink_item)])))
        self.assertEqual((flags.action_type, flags.product_id), ("price", self.burger))

    def test_lines_linked_as_a_combo_of_a_plain_product_are_sales(self):
        data = self.combo_data(self.product, [(self.burger, 1.0, None), (self.drink, 1.0, None)])
        data["lines"][0][2]["price_unit"] = 100.0
        flags = self.flags(self.sync(data))
        self.assertEqual(sorted(flags.product_id.mapped("name")), ["Burger", "Drink"])

    def test_variant_and_attribute_extras_are_not_flagged(self):
        attribute = self.env["product.attribute"].create({"name": "Size", "create_variant": "always", "value_ids": [
            Command.create({"name": "S"}), Command.create({"name": "L"})]})
        sauce = self.env["product.attribute"].create({"name": "Sauce", "create_variant": "no_variant", "value_ids": [
            Command.create({"name": "None"}), Command.create({"name": "Truffle"})]})
        template = self.env["product.template"].create({
            "name": "Fries", "list_price": 10.0, "available_in_pos": True, "taxes_id": [Command.clear()],
            "attribute_line_ids": [
                Command.create({"attribute_id": attribute.id, "value_ids": [Command.set(attribute.value_ids.ids)]}),
                Command.create({"attribute_id": sauce.id, "value_ids": [Command.set(sauce.value_ids.ids)]}),
            ]})
        ptavs = template.attribute_line_ids.product_template_value_ids
        ptavs.filtered(lambda value: value.name == "L").price_extra = 3.0
        truffle = ptavs.filtered(lambda value: value.name == "Truffle")
        truffle.price_extra = 4.0
        large = template.product_variant_ids.filtered(
            lambda variant: variant.product_template_attribute_value_ids.name == "L")
        data = self.order_data([(large, 1)], price_unit=17.0)
        data["lines"][0][2].update(attribute_value_ids=[Command.set(truffle.ids)], price_extra=4.0)
        self.assertFalse(self.flags(self.sync(data)), "10.00 + 3.00 (L) + 4.00 (truffle)")
        data = self.order_data([(large, 1)], price_unit=5.0)
        data["lines"][0][2].update(price_extra=-8.0, price_type="automatic")
        self.assertEqual(self.flags(self.sync(data)).action_type, "price",
                         "the client's price_extra counts for nothing")
