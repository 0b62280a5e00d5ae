import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { _t } from "@web/core/l10n/translation";

/**
 * Table gates of pos_security_pro's roles. The server twins: models/pos_order.py (a synced move
 * without approval is flagged) and models/restaurant_floor.py (plan edits refused).
 */
patch(PosStore.prototype, {
    async transferOrder(orderUuid, destinationTable) {
        const order = this.models["pos.order"].getBy("uuid", orderUuid);
        const moves = order && destinationTable && destinationTable.id !== order.table_id?.id;
        if (moves && this.lpRefuse("restrict_table_transfer")) {
            return;
        }
        const needsApproval = moves && order.lines.length && this.lpRequires("transfer");
        if (needsApproval) {
            const approval = await this.lpApprove("transfer", null, {
                order,
                title: _t("Table transfer approval"),
                lines: [
                    { label: _t("From table"), value: order.table_id?.table_number ?? "" },
                    { label: _t("To table"), value: destinationTable.table_number ?? "" },
                    { label: _t("Total"), value: this.env.utils.formatCurrency(order.get_total_with_tax()) },
                ],
            });
            if (!approval) {
                return;
            }
            // A merge cancels this order: the transfer approval covers that cancellation.
            order.uiState.lpCancelCovered = true;
        }
        try {
            return await super.transferOrder(...arguments);
        } finally {
            if (needsApproval) {
                order.uiState.lpCancelCovered = false;
            }
        }
    },
    toggleEditMode() {
        if (!this.isEditMode && this.lpRefuse("restrict_floor_edit")) {
            return;
        }
        return super.toggleEditMode(...arguments);
    },
});
