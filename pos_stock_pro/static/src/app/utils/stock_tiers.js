/**
 * Pure helpers shared by the badge, the navbar pill and the Pay gate, so they agree on scope and colour.
 */

/** Tier of a quantity: "high" (green), "medium" (yellow), "low" (orange), "out" (red). */
export function stockTier(config, qty) {
    if (qty <= config.pos_stock_tier_floor) {
        return "out";
    }
    if (qty <= config.pos_stock_tier_low) {
        return "low";
    }
    if (qty <= config.pos_stock_tier_high) {
        return "medium";
    }
    return "high";
}

export const TIER_CLASSES = {
    high: "text-bg-success",
    medium: "text-bg-warning",
    low: "o_pos_stock_orange",
    out: "text-bg-danger",
};

export const CORNER_CLASSES = {
    top_end: "top-0 end-0",
    top_start: "top-0 start-0",
    bottom_end: "bottom-0 end-0",
    bottom_start: "bottom-0 start-0",
};

/** Is this product judged by the oversell gate at this shop? Mirrors pos.config._pos_stock_gated_products. */
export function isGated(config, product) {
    if (!product?.is_storable || product.pos_stock_gate_bypass) {
        return false;
    }
    const enforced = config.pos_stock_enforce_categ_ids || [];
    if (!enforced.length) {
        return true;
    }
    const enforcedIds = new Set(enforced.map((c) => c.id));
    return (product.pos_categ_ids || []).some((c) => enforcedIds.has(c.id));
}

/**
 * Extension points of the gate's scope and demand, patchable with `patch(stockGate, {...})`
 * (pos_stock_pro_mrp judges a kit on its components). Mirrors pos.stock.gate._judged_demand.
 */
export const stockGate = {
    /** Is a line of this product judged at all? */
    inScope(config, product) {
        return isGated(config, product);
    },
    /** {productId: qty} that leaves stock, from the judged lines' {productId: qty} totals. */
    demand(config, totals, products) {
        return totals;
    },
};

/**
 * {productId: qty} of an order's judged lines (per product, as sold: a kit stays a kit); returns
 * (negative lines) are never gated, a positive line is a sale whatever it refunds; combo parents are
 * not storable and their components are. Mirrors the totals of pos.stock.gate._requested.
 */
export function gatedQuantities(config, order) {
    const totals = {};
    for (const line of order.lines) {
        const product = line.get_product();
        const qty = line.get_quantity();
        if (qty <= 0 || !stockGate.inScope(config, product)) {
            continue;
        }
        totals[product.id] = (totals[product.id] || 0) + qty;
    }
    return totals;
}

/** {productId: qty} the gate judges against stock (kits replaced by their components). */
export function stockDemand(config, order, totals = gatedQuantities(config, order)) {
    const products = {};
    for (const line of order.lines) {
        const product = line.get_product();
        if (product && product.id in totals) {
            products[product.id] = product;
        }
    }
    return stockGate.demand(config, totals, products);
}

/** Same spelling as pos.stock.gate._canonical: [[productId, qty in thousandths]] sorted by product. */
export function canonicalLines(totals) {
    return Object.entries(totals)
        .map(([pid, qty]) => [parseInt(pid), Math.round(qty * 1000)])
        .sort((a, b) => a[0] - b[0]);
}
