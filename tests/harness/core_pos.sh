# shellcheck shell=bash
# The core POS stage of bin/suite-test: Odoo's own post_install tests of point_of_sale, pos_hr and
# pos_restaurant, run on a copy of the template database where every suite addon is installed at its
# defaults, as into a running shop: without the suite's demo data, so enforcement is off (observing).
# "No failure that vanilla Odoo does not have": the vanilla failures are excluded by name below.
# Source it after odoo_env.sh; it defines functions only.
#
#   LP_CORE_MODE=defaults   (default) the suite installed at its defaults, observing
#   LP_CORE_MODE=enforced   the same, then every shop enforced as the demo is (by hand, not in CI:
#                           pos_loss_prevention_base/readme/USAGE.md lists the tours that then fail because a gate did its job)
#   LP_CORE_MODE=vanilla    no suite addon (to measure Odoo itself on this machine)
#   LP_CORE_TAGS            explicit --test-tags instead of the bounded selection below

# Odoo's own tests, bounded for CI (90 min in all): MobileTestUi re-runs every TestUi tour in a
# phone-sized window (same flows, same server calls), so it is left out; everything else runs.
LP_CORE_SELECTION="/point_of_sale,/pos_hr,/pos_restaurant,-/point_of_sale:MobileTestUi"
# Failing on vanilla Odoo 18.0 on this template too, without any suite addon (measured):
# - pos_restaurant TestFrontend.test_14_pos_payment_sync: the tour waits for a payment status the
#   shared-order sync does not deliver in a single-browser test run;
# - point_of_sale TestPointOfSale.test_no_default_pricelist: creates a pos.config without
#   self_ordering_mode (NOT NULL once pos_self_order's column exists in the template);
# - pos_restaurant TestFrontend.test_04_ticket_screen, test_06_split_bill_screen and
#   test_book_and_release_table: each tour step races an RPC the till does not await (the
#   cancel of a deleted order, the sync after a split or a booking) and loses on a loaded machine:
#   vanilla failed all three at the same steps (2026-12-03, LP_CORE_MODE=vanilla); with the suite
#   they pass or fail from run to run.
LP_CORE_VANILLA_FAILURES="-/pos_restaurant:TestFrontend.test_14_pos_payment_sync,-/point_of_sale:TestPointOfSale.test_no_default_pricelist"
LP_CORE_VANILLA_FAILURES+=",-/pos_restaurant:TestFrontend.test_04_ticket_screen,-/pos_restaurant:TestFrontend.test_06_split_bill_screen"
LP_CORE_VANILLA_FAILURES+=",-/pos_restaurant:TestFrontend.test_book_and_release_table"

lp_core_tags() {
    printf '%s\n' "${LP_CORE_TAGS:-$LP_CORE_SELECTION,$LP_CORE_VANILLA_FAILURES}"
}

# Marks the suite addons "to install" without demo data, as in a production database (whose
# modules have no demo): Odoo then installs them at their defaults, i.e. observing.
lp_core_mark_install() {
    local db="$1" csv="$2" log="$3"
    "${LP_ODOO[@]}" shell "${LP_ODOO_ARGS[@]}" -d "$db" --no-http --log-level=warn >>"$log" 2>&1 <<PY
modules = env["ir.module.module"].search([("name", "in", "$csv".split(","))])
modules.button_install()
env["ir.module.module"].search([("state", "=", "to install")]).write({"demo": False})
env.cr.commit()
PY
}

# Every shop enforced as in the demo: the switch on, shops created later too, Cashier default role.
lp_core_enforce() {
    local db="$1" log="$2"
    "${LP_ODOO[@]}" shell "${LP_ODOO_ARGS[@]}" -d "$db" --no-http --log-level=warn >>"$log" 2>&1 <<'PY'
env["pos.config"]._lp_demo_enforce()
if "lp_default_employee_role_id" in env["pos.config"]._fields:
    env["pos.config"]._lp_demo_default_roles()
env.cr.commit()
PY
}

# lp_core_stage TEMPLATE RUN_DIR SUITE_CSV ALL_ADDONS_CSV: runs the stage, writes RUN_DIR/core_result.txt
# (passed=N failed=M tests=T) and returns non-zero when something failed.
lp_core_stage() {
    local tpl="$1" dir="$2" db rc
    db="lp_core_$$_$(tr -dc 'a-z0-9' </dev/urandom | head -c 6)"
    mkdir -p "$dir"
    echo "passed=0 failed=1 tests=0" >"$dir/core_result.txt"
    lp_clone_template "$tpl" "$db" || return 1
    lp_core_run "$db" "$@"
    rc=$?
    [[ "${LP_KEEP_CORE_DB:-0}" == 1 ]] && lp_say "kept database $db" || lp_drop_db "$db"
    return $rc
}

lp_core_run() {
    local db="$1" tpl="$2" dir="$3" csv="$4" all="$5" mode="${LP_CORE_MODE:-defaults}" t0=$SECONDS rc
    lp_say "mode $mode on $db (copy of $tpl); tags $(lp_core_tags); logs in $dir"
    if [[ "$mode" != vanilla ]]; then
        lp_core_mark_install "$db" "$csv" "$dir/core_install.log" &&
            "${LP_ODOO[@]}" "${LP_ODOO_ARGS[@]}" -d "$db" -i "${csv%%,*}" --without-demo=all \
                --stop-after-init --http-port="$(lp_free_port)" --gevent-port="$(lp_free_port)" \
                --log-level=info >>"$dir/core_install.log" 2>&1
        rc=$?
        if [[ $rc -ne 0 ]] || grep -qE " (ERROR|CRITICAL) " "$dir/core_install.log"; then
            grep -E " (ERROR|CRITICAL) " "$dir/core_install.log" | tail -n 5 >&2
            lp_say "FAIL  installing the suite at its defaults failed (see $dir/core_install.log)"
            return 1
        fi
        lp_say "suite installed at its defaults (observing) in $((SECONDS - t0)) s"
        [[ "$mode" == enforced ]] && { lp_core_enforce "$db" "$dir/core_install.log" || return 1; }
    fi
    timeout --foreground -k 30 "${LP_CORE_TIMEOUT:-3600}" \
        "${LP_ODOO[@]}" "${LP_ODOO_ARGS[@]}" -d "$db" --test-tags="$(lp_core_tags)" --stop-after-init \
        --http-interface=127.0.0.1 --http-port="$(lp_free_port)" --gevent-port="$(lp_free_port)" \
        --log-level=info --screenshots="$dir" --max-cron-threads=0 >"$dir/core.log" 2>&1
    rc=$?
    lp_say "Odoo's POS tests ran in $((SECONDS - t0)) s (odoo-bin exit $rc)"
    "$LP_PY" "$LP_REPO_ROOT/tests/harness/parse_core_log.py" "$dir/core.log" --addons "$all" \
        --exit-code "$rc" --result-file "$dir/core_result.txt"
}
