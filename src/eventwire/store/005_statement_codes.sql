-- Version 5: the CAMEO 01 code of each statement (010 a plain statement, 012 concern, 016 a
-- denial ...). Statements stored before it keep NULL: their articles were coded without it.
ALTER TABLE statements ADD COLUMN cameo TEXT;
CREATE INDEX statements_cameo ON statements(cameo);
