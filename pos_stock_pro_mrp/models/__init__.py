from . import mrp_bom
from . import pos_config
from . import pos_stock_gate
from . import pos_stock_override_log
from . import product_product
