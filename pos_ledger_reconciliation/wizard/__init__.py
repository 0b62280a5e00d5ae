from . import pos_reconciliation_ignore_wizard
