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
});
