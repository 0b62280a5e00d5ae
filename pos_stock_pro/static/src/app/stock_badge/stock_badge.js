import { Component, useState } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { CORNER_CLASSES, stockTier, TIER_CLASSES } from "@pos_stock_pro/app/utils/stock_tiers";
import { coverTier, formatCover } from "@pos_stock_pro/app/utils/stock_cover";

const TOOLTIP_CACHE_MS = 60_000;
// One cache for every card: {productId: {at, rows}}.
const otherLocationsCache = {};

/**
 * Tier-coloured stock badge on a product card. Hover (or tap the badge on touch screens) shows the
 * other internal locations, fetched lazily and cached 60 s per product.
 */
export class StockBadge extends Component {
    static template = "pos_stock_pro.StockBadge";
    static props = { product: Object };

    setup() {
        this.pos = usePos();
        this.stock = useState(this.pos.stockPro);
        this.state = useState({ open: false, loading: false, rows: null, message: "" });
    }

    /** The card's quantity: for a template with variants, the sum over its variants. */
    get qty() {
        this.stock.qty; // subscribe to pushes (getStockQty reads the same reactive map)
        return this.pos.getStockQty(this.props.product);
    }

    /** Days of cover basis: {qty, demand, days}; undefined on the quantity basis. */
    get cover() {
        this.stock.qty; // subscribe to pushes
        return this.pos.getStockCover?.(this.props.product);
    }

    get tier() {
        const cover = this.cover;
        return cover ? coverTier(this.pos.config, cover.qty, cover.days) : stockTier(this.pos.config, this.qty);
    }

    get badgeClass() {
        const colour = this.pos.config.pos_stock_single_colour ? "text-bg-secondary" : TIER_CLASSES[this.tier];
        return `${colour} ${CORNER_CLASSES[this.pos.config.pos_stock_badge_corner] || CORNER_CLASSES.top_start}`;
    }

    get qtyText() {
        const cover = this.cover;
        return cover ? formatCover(cover.days) : this.env.utils.formatProductQty(this.qty, false);
    }

    /** Tooltip line: the quantity here, beside the days of cover and the pace they come from. */
    get coverText() {
        const cover = this.cover;
        if (!cover) {
            return "";
        }
        const qty = this.env.utils.formatProductQty(cover.qty, false);
        if (cover.days === Infinity) {
            return _t("%(qty)s here, no sale in %(window)s days", { qty, window: this.pos.config.pos_stock_cover_window });
        }
        return _t("%(qty)s here, %(days)s of cover (%(demand)s a day over %(window)s days)", {
            qty,
            days: formatCover(cover.days),
            demand: this.env.utils.formatProductQty(cover.demand, false),
            window: this.pos.config.pos_stock_cover_window,
        });
    }

    async open() {
        if (this.state.open) {
            return;
        }
        this.state.open = true;
        const cached = otherLocationsCache[this.props.product.id];
        if (cached && Date.now() - cached.at < TOOLTIP_CACHE_MS) {
            this.state.rows = cached.rows;
            return;
        }
        this.state.loading = true;
        try {
            const rows = await this.pos.data.call("pos.config", "pos_stock_other_locations", [
                [this.pos.config.id],
                this.props.product.id,
            ]);
            otherLocationsCache[this.props.product.id] = { at: Date.now(), rows };
            this.state.rows = rows;
        } catch (error) {
            this.state.message =
                error instanceof ConnectionLostError
                    ? _t("Other locations are not available offline.")
                    : _t("Other locations could not be loaded.");
        } finally {
            this.state.loading = false;
        }
    }

    close() {
        this.state.open = false;
    }

    async requestTransfer(row) {
        const productId = row.product_id || this.props.product.id;
        const here = this.stock.qty[productId] || 0;
        const wanted = Math.max(1, Math.ceil(this.pos.config.pos_stock_tier_high - here));
        const result = await this.pos.data.call("pos.config", "pos_stock_request_transfer", [
            [this.pos.config.id],
            productId,
            row.location_id,
            Math.min(wanted, row.qty),
        ]);
        this.state.message = result.message;
        this.pos.notification.add(result.message, { type: result.ok ? "success" : "warning" });
    }
}
