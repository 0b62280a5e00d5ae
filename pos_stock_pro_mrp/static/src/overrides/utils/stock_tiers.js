import { patch } from "@web/core/utils/patch";
import { stockGate } from "@pos_stock_pro/app/utils/stock_tiers";
import { kitComponents } from "@pos_stock_pro_mrp/app/utils/kit_components";

function inEnforcedCategories(config, product) {
    const enforced = config.pos_stock_enforce_categ_ids || [];
    if (!enforced.length) {
        return true;
    }
    const enforcedIds = new Set(enforced.map((c) => c.id));
    return (product.pos_categ_ids || []).some((c) => enforcedIds.has(c.id));
}

// Mirrors pos.stock.gate._judged_demand and pos.config._pos_stock_kit_scope of pos_stock_pro_mrp.
patch(stockGate, {
    inScope(config, product) {
        const kit = kitComponents(product);
        if (!kit) {
            return super.inScope(...arguments);
        }
        return kit.length > 0 && !product.pos_stock_gate_bypass && inEnforcedCategories(config, product);
    },
    demand(config, totals, products) {
        const plain = {};
        const kits = [];
        // Integer keys iterate in ascending order: kits by id, as the server adds them.
        for (const [pid, qty] of Object.entries(totals)) {
            const kit = kitComponents(products[pid]);
            if (kit) {
                kits.push([qty, kit]);
            } else {
                plain[pid] = qty;
            }
        }
        const result = { ...super.demand(config, plain, products) };
        for (const [qty, kit] of kits) {
            for (const [componentId, perKit, gated] of kit) {
                if (gated) {
                    result[componentId] = (result[componentId] || 0) + qty * perKit;
                }
            }
        }
        return result;
    },
});
