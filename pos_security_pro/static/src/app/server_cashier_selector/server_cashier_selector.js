/* global Sha1 */

import { _t } from "@web/core/l10n/translation";
import { NumberPopup } from "@point_of_sale/app/utils/input_popups/number_popup";
import { SelectionPopup } from "@point_of_sale/app/utils/input_popups/selection_popup";
import { useBarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_hook";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { useService } from "@web/core/utils/hooks";
import { makeAwaitable, ask } from "@point_of_sale/app/store/make_awaitable_dialog";

/**
 * pos_hr's cashier selection with the PIN checked by the server (pos.session.lp_employee_login)
 * instead of comparing SHA-1 hashes in the browser: no PIN hash reaches the till any more.
 * Same entry points and behaviour as pos_hr's useCashierSelector; logging in needs the server.
 */
export function useServerCashierSelector({ onScan = () => {}, exclusive = false } = {}) {
    const pos = usePos();
    const dialog = useService("dialog");
    const notification = useService("notification");
    const ui = useService("ui");

    const refuse = (message) =>
        notification.add(message || _t("PIN not found"), { type: "warning", title: _t("Wrong PIN") });

    async function verify(pin, employeeId = false, { block = true } = {}) {
        const result = await checkOnServer(pin, employeeId, block);
        if (!result.locked) {
            return result;
        }
        // The server holds this till locked (auto-lock, supervisor option): the right PIN, then a
        // supervisor's approval, whose token the same login carries to the server.
        const ids = result.employee_ids || [];
        const employee = pos.models["hr.employee"].get(employeeId || ids[0]);
        const token = await pos.lpSupervisorUnlock(employee || { name: "" }, { force: true });
        if (!token) {
            return { ok: false, employee_ids: [], message: result.message, cancelled: true };
        }
        return await checkOnServer(pin, employeeId || (ids.length === 1 ? ids[0] : false), block, token);
    }

    async function checkOnServer(pin, employeeId, block, unlockToken = false) {
        // The till waits for the server's answer (pos_hr compared the hash at once): nothing can
        // be rung up under the previous cashier while the PIN is being checked.
        if (block) {
            ui.block();
        }
        try {
            return await pos.data.call("pos.session", "lp_employee_login", [[pos.session.id], pin], {
                employee_id: employeeId,
                unlock_token: typeof unlockToken === "string" ? unlockToken : false,
            });
        } catch {
            return { ok: false, employee_ids: [], message: _t("The PIN can only be checked online.") };
        } finally {
            if (block) {
                ui.unblock();
            }
        }
    }

    async function askPin() {
        return await makeAwaitable(dialog, NumberPopup, {
            formatDisplayedValue: (x) => x.replace(/./g, "•"),
            title: _t("Password?"),
        });
    }

    async function checkPin(employee) {
        // Observing (enforcement off), pos_hr's own rule: a PIN-less employee logs in.
        if (!employee._lp_has_pin && employee._lp_pin_required && pos.lpEnforced) {
            // The server refuses them too (lp_employee_login): without a PIN anyone could pick them.
            notification.add(
                _t(
                    "%s may approve or has more rights than this till's default role, and has no login PIN: a manager must set one.",
                    employee.name
                ),
                { type: "danger", title: _t("Login PIN required") }
            );
            return false;
        }
        if (!employee._lp_has_pin) {
            // Nothing to check, but the server learns who is at the till (the floor-plan rules
            // read it). Not awaited: the login is not one round trip slower; on a locked till it
            // is (the server's answer decides).
            const checked = verify("", employee.id, { block: false });
            return pos.lpUnlockNeedsSupervisor() ? (await checked).ok : true;
        }
        const pin = await askPin();
        if (!pin) {
            return false;
        }
        const result = await verify(pin, employee.id);
        if (!result.ok && !result.cancelled) {
            refuse(result.message);
        }
        return result.ok;
    }

    useBarcodeReader(
        {
            async cashier(code) {
                const employee = pos.models["hr.employee"].find(
                    (emp) => emp._barcode === Sha1.hash(code.code)
                );
                if (employee && employee !== pos.get_cashier() && (await checkPin(employee))) {
                    onScan && onScan(employee);
                }
                return employee;
            },
        },
        exclusive
    );

    function nextScreenAfterLogin() {
        const isRestaurant = pos.config.module_pos_restaurant;
        const fallback = isRestaurant ? "FloorScreen" : "ProductScreen";
        let screen =
            pos.previousScreen && pos.previousScreen !== "LoginScreen" ? pos.previousScreen : fallback;
        const props = {};
        if (screen === "PaymentScreen") {
            if (pos.selectedOrderUuid) {
                props.orderUuid = pos.selectedOrderUuid;
            } else {
                screen = fallback;
            }
        }
        return [screen, props];
    }

    return async function selectCashier(pin = false, login = false, list = false) {
        if (!pos.config.module_pos_hr) {
            return;
        }
        const others = pos.models["hr.employee"].filter((emp) => emp.id !== pos.get_cashier()?.id);
        let matches = others;
        if (pin) {
            const result = await verify(pin);
            if (!result.ok) {
                if (!result.cancelled) {
                    refuse(result.message);
                }
                return;
            }
            matches = others.filter((emp) => result.employee_ids.includes(emp.id));
            if (!matches.length) {
                refuse();
                return;
            }
        } else if (!others.length) {
            await ask(dialog, { title: _t("No Cashiers"), body: _t("There is no cashier available.") });
            return;
        }

        let employee = false;
        if (matches.length > 1 || list) {
            employee = await makeAwaitable(dialog, SelectionPopup, {
                title: _t("Change Cashier"),
                list: others.map((emp) => ({ id: emp.id, item: emp, label: emp.name, isSelected: false })),
            });
            if (!employee) {
                return;
            }
            if (pin && !matches.includes(employee)) {
                refuse();
                return;
            }
        } else {
            employee = matches[0];
        }
        if (!pin && employee && !(await checkPin(employee))) {
            return false;
        }

        if (login && employee && !(await pos.lpSupervisorUnlock(employee))) {
            return false; // locked with the supervisor option: no supervisor, no unlock
        }
        if (login && employee) {
            pos.hasLoggedIn = true;
            pos.set_cashier(employee);
            if (pos.mainScreen.component.name === "LoginScreen") {
                pos.showScreen(...nextScreenAfterLogin());
            }
        }
        return employee;
    };
}
