import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { coverDays } from "@pos_stock_pro/app/utils/stock_cover";

/**
 * "Days of cover" badges: the average daily demand of each product arrives with the POS data
 * (`_pos_stock_demand`) and with every stock push or poll (`demand`); the cover follows each new
 * quantity without any call of its own.
 */
patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        if (!this.stockPro || this.config.pos_stock_badge_basis !== "cover") {
            return;
        }
        this.stockPro.demand = {};
        for (const product of this.models["product.product"].getAll()) {
            if (product._pos_stock_demand === undefined) {
                continue;
            }
            this.stockPro.demand[product.id] = product._pos_stock_demand;
            for (const [pid, demand] of Object.entries(product._pos_stock_variant_demand || {})) {
                this.stockPro.demand[pid] = demand;
            }
        }
    },

    applyStockValues(payload) {
        super.applyStockValues(...arguments);
        if (this.stockPro.demand && payload?.demand) {
            Object.assign(this.stockPro.demand, payload.demand);
        }
    },

    /** {qty, demand, days} of a product card (a template with variants sums its variants), or undefined. */
    getStockCover(product) {
        const qty = this.getStockQty(product);
        if (qty === undefined || !this.stockPro.demand) {
            return undefined;
        }
        const ids = this.getStockVariantIds(product);
        const demand = (ids.length > 1 ? ids : [product.id]).reduce(
            (sum, pid) => sum + (this.stockPro.demand[pid] || 0),
            0
        );
        return { qty, demand, days: coverDays(qty, demand) };
    },
});
