import { Component, useState } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/** Navbar pill: how many loaded storable products are at or below the Low tier; click for the list. */
export class StockHealthPill extends Component {
    static template = "pos_stock_pro.StockHealthPill";
    static props = {};

    setup() {
        this.pos = usePos();
        this.stock = useState(this.pos.stockPro);
        this.state = useState({ open: false });
    }

    get lowProducts() {
        const low = this.pos.config.pos_stock_tier_low;
        const products = this.pos.models["product.product"];
        return Object.entries(this.stock.qty)
            .filter(([, qty]) => qty <= low)
            .map(([pid, qty]) => ({ product: products.get(parseInt(pid)), qty }))
            .filter((row) => row.product)
            .sort((a, b) => a.qty - b.qty);
    }
}
