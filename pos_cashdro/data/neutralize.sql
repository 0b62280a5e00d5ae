-- A copied database must never drive the shop's real cash machine.
UPDATE pos_payment_method
   SET cashdro_host = NULL,
       cashdro_user = NULL,
       cashdro_password = NULL
 WHERE use_payment_terminal = 'cashdro';
