import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    /**
     * Do the suite's gates apply at this till? The server's rule (pos.session._lp_enforced): the
     * shop enforced loss prevention when this session opened, and still does. Observing, the till
     * behaves as vanilla Odoo and the server only records.
     */
    get lpEnforced() {
        return Boolean(this.session?.lp_enforced && this.config?.lp_enforced);
    },
    /**
     * The one carrier: every approval the till obtains for an order travels in
     * `order.lp_approval_tokens` (JSON list), consumed by the server at sync
     * (pos.session._lp_consume_approval), whichever addon asked for it.
     */
    lpAddApprovalToken(order, token) {
        if (!order || !token) {
            return;
        }
        let tokens = [];
        try {
            tokens = JSON.parse(order.lp_approval_tokens || "[]");
        } catch {
            tokens = [];
        }
        if (!Array.isArray(tokens)) {
            tokens = [];
        }
        tokens.push(token);
        order.lp_approval_tokens = JSON.stringify(tokens);
    },
});
