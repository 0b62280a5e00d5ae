import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { kitComponents } from "@pos_stock_pro_mrp/app/utils/kit_components";

// 1.2 kg / 0.3 kg is 3.9999999999999996 in floats: still 4 kits (same as the server).
const EPSILON = 1e-7;

patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        // Components that are not sold alone are not loaded: their quantities travel on the kit.
        for (const product of this.models["product.product"].getAll()) {
            for (const [pid, qty] of Object.entries(product._pos_stock_kit_qty || {})) {
                if (this.stockPro.qty[pid] === undefined) {
                    this.stockPro.qty[pid] = qty;
                    this.stockPro.ts[pid] = product._pos_stock_ts;
                }
            }
        }
    },

    /** Offline (pos_stock_pro's pos_store_offline.js), a kit sold takes its components off. */
    stockSoldQuantities(order) {
        const sold = super.stockSoldQuantities(...arguments);
        for (const line of order.lines) {
            const kit = kitComponents(line.get_product());
            for (const [componentId, perKit] of kit || []) {
                if (this.stockPro.qty[componentId] !== undefined) {
                    sold[componentId] = (sold[componentId] || 0) + line.get_quantity() * perKit;
                }
            }
        }
        return sold;
    },

    /**
     * A kit's badge: how many kits its components allow, from the components' live quantities, so it
     * follows their pushes and the gate's answers at once.
     */
    getStockQty(product) {
        const kit = kitComponents(product);
        if (!kit?.length) {
            return super.getStockQty(...arguments);
        }
        let count;
        for (const [componentId, perKit] of kit) {
            const qty = this.stockPro.qty[componentId];
            if (qty === undefined) {
                return super.getStockQty(...arguments); // the server's figure
            }
            const allowed = Math.max(0, Math.floor(qty / perKit + EPSILON));
            count = count === undefined ? allowed : Math.min(count, allowed);
        }
        return count;
    },
});
