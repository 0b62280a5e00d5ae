import { Component, useState } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { stockTier, TIER_CLASSES } from "@pos_stock_pro/app/utils/stock_tiers";

/**
 * In the variant picker: each variant's quantity at this shop, the one the cashier is choosing in bold.
 * Values come from the pushed map (no RPC).
 */
export class VariantStock extends Component {
    static template = "pos_stock_pro.VariantStock";
    static props = { product: Object, selected: { type: Object, optional: true } };

    setup() {
        this.pos = usePos();
        this.stock = useState(this.pos.stockPro);
    }

    get rows() {
        const products = this.pos.models["product.product"];
        const single = this.pos.config.pos_stock_single_colour;
        return this.pos
            .getStockVariantIds(this.props.product)
            .map((pid) => ({ pid, qty: this.stock.qty[pid], product: products.get(pid) }))
            .filter((row) => row.qty !== undefined)
            .map((row) => ({
                ...row,
                name: row.product?.display_name || "",
                tier: stockTier(this.pos.config, row.qty),
                badgeClass: single ? "text-bg-secondary" : TIER_CLASSES[stockTier(this.pos.config, row.qty)],
                selected: row.pid === this.props.selected?.id,
            }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }
}
