import { patch } from "@web/core/utils/patch";
import { Navbar } from "@point_of_sale/app/navbar/navbar";

patch(Navbar.prototype, {
    get showCashMoveButton() {
        return super.showCashMoveButton && !this.pos.lpHides("hide_cash_move");
    },
});
