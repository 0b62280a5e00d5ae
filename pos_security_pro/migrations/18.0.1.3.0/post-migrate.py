"""18.0.1.3.0: auto-lock moved from "minutes, 0 = never" (lp_autolock_minutes) to a switch and a
timeout in seconds. A till that locked after N minutes keeps locking after N × 60 seconds; the
others keep auto-lock off (with the 300-second default ready for when it is switched on)."""


def migrate(cr, version):
    cr.execute("""SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'pos_config' AND column_name = 'lp_autolock_minutes'""")
    if not cr.fetchone():
        return
    cr.execute("""UPDATE pos_config
                     SET lp_autolock_enabled = COALESCE(lp_autolock_minutes, 0) > 0,
                         lp_autolock_timeout = CASE WHEN COALESCE(lp_autolock_minutes, 0) > 0
                                                    THEN lp_autolock_minutes * 60 ELSE 300 END""")
    # The old column stays (Odoo does not drop columns of removed fields); nothing reads it any more.
