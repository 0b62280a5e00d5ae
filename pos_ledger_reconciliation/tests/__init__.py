from . import test_journal_entry
from . import test_payment_methods
from . import test_cash
from . import test_stock_taxes
from . import test_access_digest
