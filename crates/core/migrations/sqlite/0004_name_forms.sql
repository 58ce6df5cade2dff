-- Liaison schema, version 4: names in three forms.
--
-- A name was a romanised form (`name`) and a "native" one (`native_name`),
-- which for most people was their Chinese name. A Chinese office also
-- writes foreign guests in Chinese (于尔根·米勒 beside Jürgen Müller), and
-- some guests have a name in a script of their own (Иван Петров), so there
-- are now three: `name` (Latin), `chinese_name` and `native_name` (the own
-- script when it is neither).
--
-- A native name written only in Chinese characters (with the separator
-- dots and spaces of transcribed names) moves to `chinese_name`; any other
-- stays where it is. Nothing is lost either way. The test is
-- liaison_core::names::is_chinese; GLOB compares code points, so the
-- classes below are ranges of characters, not of bytes.
ALTER TABLE organisations ADD COLUMN chinese_name TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN chinese_name TEXT NOT NULL DEFAULT '';

UPDATE organisations SET chinese_name = native_name, native_name = ''
WHERE native_name GLOB '*[㐀-䶿一-鿿豈-﫿𠀀-𲎯]*'
  AND native_name NOT GLOB '*[^㐀-䶿一-鿿豈-﫿𠀀-𲎯·・• 　]*';

UPDATE people SET chinese_name = native_name, native_name = ''
WHERE native_name GLOB '*[㐀-䶿一-鿿豈-﫿𠀀-𲎯]*'
  AND native_name NOT GLOB '*[^㐀-䶿一-鿿豈-﫿𠀀-𲎯·・• 　]*';
