import { patch } from "@web/core/utils/patch";
import { Navbar } from "@point_of_sale/app/navbar/navbar";

patch(Navbar.prototype, {
    get showEditPlanButton() {
        return super.showEditPlanButton && !this.pos.lpHides("restrict_floor_edit");
    },
});
