import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { requestApproval } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";
import { _t } from "@web/core/l10n/translation";

/**
 * Role-aware gates of pos_security_pro. The role of the person at the till comes with the POS
 * data (employees' `_lp_role_id`, or the session's `_lp_user_role_id` without employee login);
 * the server applies the same rules again when the order syncs (see models/pos_order.py).
 */
patch(PosStore.prototype, {
    lpRole() {
        const roles = this.models["pos.security.role"];
        // Observing (enforcement off at this shop): vanilla Odoo, nothing hidden, nothing gated.
        if (!roles || !this.lpEnforced) {
            return null;
        }
        const cashier = this.get_cashier();
        const roleId = this.config.module_pos_hr ? cashier?._lp_role_id : this.session._lp_user_role_id;
        // Unknown person: the strictest role, as the server does.
        return roles.get(roleId) || roles.getAll().sort((a, b) => a.sequence - b.sequence)[0] || null;
    },
    lpMaxDiscount() {
        if (!this.lpEnforced) {
            return 100;
        }
        const cashier = this.get_cashier();
        const cap = this.config.module_pos_hr
            ? cashier?._lp_max_discount
            : this.session._lp_user_max_discount;
        return cap ?? this.lpRole()?.max_discount ?? 0;
    },
    lpRequires(action) {
        return Boolean(this.lpRole()?.[`require_approval_${action}`]);
    },
    lpHides(flag) {
        return Boolean(this.lpRole()?.[flag]);
    },
    lpAddToken(order, token) {
        this.lpAddApprovalToken(order, token); // the base's carrier
    },
    /**
     * Ask a supervisor for `action`/`value`. Resolves to the approval (its token is attached to
     * the order when there is one) or null. Offline, the config's policy decides.
     */
    async lpApprove(action, value, { order = null, title, lines = [], productId = null, oldValue = null } = {}) {
        if (this.data.network?.offline) {
            if (this.config.lp_offline_policy === "flag") {
                return { token: false, offline: true };
            }
            this.dialog.add(AlertDialog, {
                title: _t("Approval needed"),
                body: _t("This action needs a supervisor's approval, which cannot be checked offline."),
            });
            return null;
        }
        const approval = await requestApproval(this, {
            action,
            value,
            orderUuid: order?.uuid || null,
            title: title || _t("Supervisor approval"),
            lines,
            productId,
            oldValue,
        });
        if (approval?.token && order) {
            this.lpAddToken(order, approval.token);
        }
        return approval;
    },
    restrictLineDiscountChange() {
        // One prompt for the whole value (not one per keystroke), then setDiscountFromUI decides.
        return this.lpRequires("discount") || super.restrictLineDiscountChange(...arguments);
    },
    disallowLineQuantityChange() {
        // Quantity decreases go through one prompt for the whole value (see OrderSummary).
        return (
            this.lpRequires("reduce_qty") ||
            this.lpRequires("delete_line") ||
            super.disallowLineQuantityChange(...arguments)
        );
    },
    async _onBeforeDeleteOrder(order) {
        // lpCancelCovered: another approval already covers this cancellation (a restaurant merge
        // cancels the moved order; the server accepts the transfer approval for it).
        if (order.lines.length && this.lpRequires("cancel_order") && !order.uiState?.lpCancelCovered) {
            const approval = await this.lpApprove("cancel_order", null, {
                order,
                title: _t("Cancel order approval"),
                lines: [
                    { label: _t("Order"), value: order.pos_reference || order.name || "" },
                    { label: _t("Total"), value: this.env.utils.formatCurrency(order.get_total_with_tax()) },
                ],
            });
            if (!approval) {
                return false;
            }
        }
        return await super._onBeforeDeleteOrder(...arguments);
    },
    restrictLinePriceChange() {
        return this.lpRequires("price") || super.restrictLinePriceChange(...arguments);
    },
    async setDiscountFromUI(line, val) {
        const discount = Math.min(Math.max(parseFloat(val) || 0, 0), 100);
        if (this.lpHides("hide_numpad_discount")) {
            return;
        }
        if (this.lpRequires("discount") && discount > this.lpMaxDiscount() && discount !== line.get_discount()) {
            const approval = await this.lpApprove("discount", discount, {
                order: line.order_id,
                productId: line.product_id.id,
                oldValue: `${line.get_discount()} %`,
                title: _t("Discount approval"),
                lines: [
                    { label: _t("Product"), value: line.get_full_product_name() },
                    { label: _t("Discount"), value: `${discount} %` },
                    { label: _t("Your limit"), value: `${this.lpMaxDiscount()} %` },
                ],
            });
            if (!approval) {
                return;
            }
        }
        return await super.setDiscountFromUI(line, discount);
    },
    /** True (and tells the cashier) when the role forbids what `flag` covers. */
    lpRefuse(flag) {
        if (!this.lpHides(flag)) {
            return false;
        }
        this.dialog.add(AlertDialog, {
            title: _t("Not allowed"),
            body: _t("Your role does not allow this action. Ask a supervisor."),
        });
        return true;
    },
    showScreen(name, props) {
        // Every way into the order list (menu, partner list, closing popup's "Review Orders")
        // except the refund button's search, which the refund rules govern.
        if (name === "TicketScreen" && this.lpHides("hide_orders_menu") && !props?.stateOverride?.destinationOrder) {
            if (this.mainScreen.component?.name === "ReceiptScreen") {
                return super.showScreen("ProductScreen", {});
            }
            this.lpRefuse("hide_orders_menu");
            return;
        }
        return super.showScreen(...arguments);
    },
    cashMove() {
        if (this.lpRefuse("hide_cash_move")) {
            return;
        }
        return super.cashMove(...arguments);
    },
    async closeSession() {
        if (this.lpRefuse("hide_close_register")) {
            return;
        }
        return await super.closeSession(...arguments);
    },
    async closePos() {
        // Leaving for the backend is allowed when the session is gone (nothing to protect).
        if (this.session && this.lpRefuse("hide_backend_menu")) {
            return;
        }
        return await super.closePos(...arguments);
    },
    async selectPartner() {
        if (this.lpRefuse("hide_customer_button")) {
            return;
        }
        return await super.selectPartner(...arguments);
    },
    async pay() {
        if (this.lpHides("hide_payment_button")) {
            this.dialog.add(AlertDialog, {
                title: _t("Payment not allowed"),
                body: _t("Your role may enter orders but not take payment. Ask a colleague at the till."),
            });
            return;
        }
        return await super.pay(...arguments);
    },
    get idleTimeout() {
        const steps = super.idleTimeout;
        if (this.lpAutoLockOn()) {
            steps.push({
                timeout: this.config.lp_autolock_timeout * 1000,
                action: () => this.lpAutoLock(),
            });
        }
        return steps;
    },
    lpAutoLockOn() {
        // Without employee login there is no PIN screen to lock to (the settings say so).
        return Boolean(
            this.config.module_pos_hr &&
                this.config.lp_autolock_enabled &&
                this.config.lp_autolock_timeout > 0
        );
    },
    lpPaymentInProgress() {
        // A terminal (card terminal, CashDro) is handling money: never interrupt it.
        return Boolean(
            this.get_order()?.payment_ids?.some((line) =>
                TERMINAL_BUSY.has(line.get_payment_status?.() || line.payment_status)
            )
        );
    },
    /** The idle step's action: lock now, or as soon as the terminal payment ends (if still idle). */
    lpAutoLock() {
        if (this.mainScreen.component?.name === "LoginScreen") {
            return false;
        }
        if (this.lpPaymentInProgress()) {
            this.lpLockAfterPayment();
            return false;
        }
        if (this.config.lp_autolock_supervisor) {
            // Survives a reload: the next login needs a supervisor too.
            sessionStorage.setItem(lpLockKey(this.config.id), "supervisor");
            // The server's twin: it refuses any login on this session until a supervisor approves
            // the unlock (a cleared sessionStorage or a raw RPC does not open the till). Queued
            // when offline; one call per lock, never on a sale.
            this.data
                .silentCall("pos.session", "lp_autolock_engaged", [[this.session.id]], {}, true)
                .catch(() => {});
        }
        this.showLoginScreen();
        return true;
    },
    lpLockAfterPayment() {
        if (this.lpLockWatcher) {
            return;
        }
        let touched = false;
        const onTouch = () => (touched = true);
        // Listened to exactly as Odoo's idle timer listens (window, bubbling phase): a "touch" here
        // must be one that restarts that timer. In the capture phase an element's own scroll (the
        // receipt rendering after a CashDro payment) counted as a touch, Odoo's timer never
        // restarted, and the till never locked.
        for (const event of PRESENCE_EVENTS) {
            window.addEventListener(event, onTouch, { passive: true });
        }
        const stop = () => {
            clearInterval(this.lpLockWatcher);
            this.lpLockWatcher = null;
            for (const event of PRESENCE_EVENTS) {
                window.removeEventListener(event, onTouch);
            }
        };
        let settling = 0;
        this.lpLockWatcher = setInterval(() => {
            if (touched) {
                stop(); // someone is at the till again: Odoo's idle timer starts over
                return;
            }
            if (this.lpPaymentInProgress()) {
                return;
            }
            // The terminal is done; a paid order is validated next and the receipt shown: a lock
            // shown before that navigation would be undone by it (seen with a CashDro payment).
            // Still on the payment screen after a few seconds: the cashier must act, lock anyway.
            if (this.mainScreen.component?.name === "PaymentScreen" && settling++ < 5) {
                return;
            }
            stop();
            this.lpAutoLock();
        }, 1000);
    },
    lpUnlockNeedsSupervisor() {
        return sessionStorage.getItem(lpLockKey(this.config.id)) === "supervisor";
    },
    /**
     * After an auto-lock with the supervisor option: a supervisor's approval PIN, server-checked.
     * Resolves to the approval's `unlock` token (the login carries it: lp_employee_login), true
     * when no approval is needed, or false. `force`: the server says the till is locked.
     */
    async lpSupervisorUnlock(employee, { force = false } = {}) {
        if (!force && !this.lpUnlockNeedsSupervisor()) {
            return true;
        }
        const approval = await this.lpApprove("unlock", null, {
            title: _t("Supervisor unlock"),
            lines: [
                { label: _t("Unlock after auto-lock"), value: employee.name },
                { label: _t("Register"), value: this.config.name },
            ],
        });
        if (!approval || approval.offline) {
            return false;
        }
        sessionStorage.removeItem(lpLockKey(this.config.id));
        return approval.token || true;
    },
});

// Payment line statuses while a terminal holds the payment (Odoo 18 PaymentInterface).
const TERMINAL_BUSY = new Set(["waiting", "waitingCard", "waitingCapture", "waitingCancel", "reversing"]);
// What Odoo's useIdleTimer counts as presence.
const PRESENCE_EVENTS = ["mousemove", "mousedown", "touchmove", "click", "scroll", "keypress"];
const lpLockKey = (configId) => `lp_autolock_${configId}`;
