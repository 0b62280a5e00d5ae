import { patch } from "@web/core/utils/patch";
import { FloorScreen } from "@pos_restaurant/app/floor_screen/floor_screen";

/** The "add floor" button shows when a till has no floor yet: the same rule as "Edit Plan". */
patch(FloorScreen.prototype, {
    async addFloor() {
        if (this.pos.lpRefuse("restrict_floor_edit")) {
            return;
        }
        return await super.addFloor(...arguments);
    },
});
