import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ApproverPinDialog } from "@pos_loss_prevention_base/app/approver_pin_dialog/approver_pin_dialog";

/**
 * Ask a supervisor to approve `action` for `value`: one round trip for the approvers, the
 * dialog, one round trip per PIN try. Resolves to {token, approverId, approver_name, reason,
 * reasonId, notes} or null when cancelled.
 *
 * Addons patch ApprovalFlow.prototype to refine it (pos_security_pro gives its reason
 * catalogue through getReasons) without importing each other.
 */
export class ApprovalFlow {
    constructor(pos) {
        this.pos = pos;
    }

    async getApprovers(action, value) {
        return await this.pos.data.call(
            "pos.session",
            "lp_get_approvers",
            [[this.pos.session.id], action, value ?? null],
            { requested_by_id: this.requestedById() || false }
        );
    }

    /** [{id, name, require_notes}] or null for a free-text reason. */
    getReasons(action) {
        return null;
    }

    /** The employee at the till (pos_hr), or false when the till runs without employee login. */
    requestedById() {
        return this.pos.config.module_pos_hr ? this.pos.get_cashier()?.id || false : false;
    }

    /**
     * `productId` / `oldValue`: the line the approval is for and its value before the change;
     * they go on the evidence row, and the server refuses the token for another product.
     */
    async request({
        action,
        value = null,
        orderUuid = null,
        title,
        lines = [],
        requireReason = true,
        productId = null,
        oldValue = null,
    }) {
        const approvers = await this.getApprovers(action, value);
        const session = this.pos.session.id;
        const requestedById = this.requestedById() || false;
        return (
            (await makeAwaitable(this.pos.dialog, ApproverPinDialog, {
                title,
                lines,
                approvers,
                reasons: this.getReasons(action),
                requireReason,
                submit: async (values) =>
                    await this.pos.data.call("pos.session", "lp_request_approval", [[session]], {
                        action,
                        approver_id: values.approverId,
                        pin: values.pin,
                        value,
                        order_uuid: orderUuid,
                        reason: values.reason,
                        notes: values.notes,
                        requested_by_id: requestedById,
                        product_id: productId || false,
                        old_value: oldValue ?? false,
                    }),
            })) || null
        );
    }
}

/** Shortcut used by the addons: `await requestApproval(this.pos, {...})`. */
export function requestApproval(pos, options) {
    return new ApprovalFlow(pos).request(options);
}
