/**
 * Days of cover: on hand / average daily demand. Pure helpers for the badge (tier, text) so that the
 * colour and the figure agree; the demand comes from the server (load and push), never computed here.
 */

/** Days the quantity lasts at this daily demand; Infinity when nothing was sold in the window. */
export function coverDays(qty, dailyDemand) {
    if (qty <= 0) {
        return 0;
    }
    return dailyDemand > 0 ? qty / dailyDemand : Infinity;
}

/** Same four tiers as quantities, on days: out of stock is always "out". */
export function coverTier(config, qty, days) {
    if (qty <= config.pos_stock_tier_floor || days <= config.pos_stock_cover_tier_floor) {
        return "out";
    }
    if (days <= config.pos_stock_cover_tier_low) {
        return "low";
    }
    if (days <= config.pos_stock_cover_tier_high) {
        return "medium";
    }
    return "high";
}

/** "12 d", "∞" (no demand in the window), one decimal under ten days. */
export function formatCover(days) {
    if (days === Infinity) {
        return "∞";
    }
    return `${days < 10 ? Math.floor(days * 10) / 10 : Math.floor(days)} d`;
}
