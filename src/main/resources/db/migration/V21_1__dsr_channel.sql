-- How a data-subject request arrived (e-mail, letter, web form, phone, other), for requests entered by an operator.
-- NULL for requests recorded before and for those the export / erasure recorded themselves.
ALTER TABLE dsr_request ADD COLUMN channel VARCHAR(16) NULL, ALGORITHM=INSTANT;
